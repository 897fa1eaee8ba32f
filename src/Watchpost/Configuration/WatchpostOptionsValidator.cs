using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

/// <summary>Checks every section's data annotations (source-generated, so nested lists are walked too).</summary>
[OptionsValidator]
public sealed partial class WatchpostOptionsValidator : IValidateOptions<WatchpostOptions>;
