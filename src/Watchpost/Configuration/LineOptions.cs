using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class LineOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "line id must be 1-64 letters, digits, '-' or '_'")]
    public string Id { get; set; } = "";

    [Required]
    public string Camera { get; set; } = "";

    [Required, Length(2, 2, ErrorMessage = "a line end is [x, y]")]
    public float[] From { get; set; } = [];

    [Required, Length(2, 2, ErrorMessage = "a line end is [x, y]")]
    public float[] To { get; set; } = [];
}
