namespace Watchpost.Cli.Service;

/// <summary>Runs one program (useradd, systemctl, ...); a non-zero exit fails the step with the program's own reason.</summary>
public sealed class CommandStep(string program, params string[] arguments) : ServiceStep
{
    public string Program { get; } = program;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public override string Describe() => string.Join(' ', Arguments.Prepend(Program).Select(Quote));

    internal override async Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken)
    {
        var result = await context.System.RunAsync(Program, Arguments, cancellationToken);
        if (!result.Ok)
        {
            throw new ServiceStepException($"`{Describe()}` failed: {result.Reason}");
        }
    }

    private static string Quote(string word) => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
