using System.ComponentModel;
using System.Diagnostics;

namespace Watchpost.Models;

/// <summary>
/// Makes a manifest variant (a dynamic batch, another input size) from its base model's file with
/// models/make-variant.py, which ships inside the executable and runs on Debian's python3 with python3-onnx.
/// Failures are <see cref="ModelFileException"/>s that say what to install or what the script said.
/// </summary>
internal sealed class ModelVariantMaker(string python = "/usr/bin/python3")
{
    private const string ScriptResource = "Watchpost.models.make-variant.py";

    public async Task MakeAsync(string baseFile, string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"watchpost-make-variant-{Environment.ProcessId}-{Guid.NewGuid():N}.py");
        try
        {
            await using (var resource = typeof(ModelVariantMaker).Assembly.GetManifestResourceStream(ScriptResource)
                ?? throw new InvalidOperationException($"{ScriptResource} is not embedded in this build"))
            await using (var file = File.Create(script))
            {
                await resource.CopyToAsync(file, cancellationToken);
            }

            var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in (string[])[script, baseFile, target, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = StartOrExplain(start);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var said = (await stderr).Trim();
            await stdout;
            if (process.ExitCode != 0)
            {
                var hint = said.Contains("No module named 'onnx'", StringComparison.Ordinal) ? "; install Debian's python3-onnx (setup.sh does)" : "";
                var last = said.Split('\n')[^1];
                throw new ModelFileException(
                    $"make-variant.py {string.Join(' ', arguments)} on {baseFile} exited with {process.ExitCode}: {last}{hint}", target);
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    private Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new ModelFileException($"cannot run {python} to make a model variant", start.FileName);
        }
        catch (Win32Exception e)
        {
            throw new ModelFileException($"cannot run {python} to make a model variant ({e.Message}); install python3 and python3-onnx", start.FileName, e);
        }
    }
}
