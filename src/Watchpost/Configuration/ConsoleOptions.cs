using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class ConsoleOptions
{
    /// <summary>Address the local console listens on.</summary>
    [Required]
    public string Listen { get; set; } = "http://0.0.0.0:8080";

    /// <summary>Base URL that alerts link to (how operators reach this box); defaults to <see cref="Listen"/>.</summary>
    public string? PublicUrl { get; set; }
}
