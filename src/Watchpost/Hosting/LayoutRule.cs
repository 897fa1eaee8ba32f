using System.Text.Json.Nodes;

namespace Watchpost.Hosting;

/// <summary>A rule of one camera: its parameters are its own JSON object in the site file without "id" and "type".</summary>
/// <param name="Type">The rule type; in an edit it may be left out, and when given it must be the rule's.</param>
public sealed record LayoutRule(string Id, string? Type, JsonObject Parameters);
