using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>
/// A privacy mask: an area of a camera's picture (a resident's window, a neighbour's garden) that is blurred in
/// every stored snapshot and live view. Detection still sees it, so nobody can hide in it.
/// </summary>
public sealed class MaskOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "mask id must be 1-64 letters, digits, '-' or '_'")]
    public string Id { get; set; } = "";

    [Required]
    public string Camera { get; set; } = "";

    /// <summary>Vertices in pixels of the camera's native resolution, at least three.</summary>
    [Required, MinLength(3, ErrorMessage = "a mask polygon needs at least 3 points")]
    public List<float[]> Polygon { get; set; } = [];
}
