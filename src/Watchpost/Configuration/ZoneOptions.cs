using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class ZoneOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "zone id must be 1-64 letters, digits, '-' or '_'")]
    public string Id { get; set; } = "";

    [Required]
    public string Camera { get; set; } = "";

    /// <summary>Vertices in pixels of the camera's native resolution, at least three.</summary>
    [Required, MinLength(3, ErrorMessage = "a zone polygon needs at least 3 points")]
    public List<float[]> Polygon { get; set; } = [];
}
