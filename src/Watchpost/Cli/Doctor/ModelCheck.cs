namespace Watchpost.Cli.Doctor;

/// <summary>The site's detector model is found and matches the manifest (sha256, input and output shapes), through the same catalogue as <c>watchpost model verify</c>.</summary>
internal sealed class ModelCheck : IDoctorCheck
{
    public string Name => "model";

    public Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var (model, error) = context.Model;
        var detector = context.Options.Detector;
        if (model is null)
        {
            var hint = string.IsNullOrWhiteSpace(detector.ModelPath)
                ? $"watchpost model fetch {detector.Model}"
                : $"correct detector.modelPath in {context.SiteFile} (now {detector.ModelPath}), or remove it and run: watchpost model fetch {detector.Model}";
            return Task.FromResult(DoctorResult.Fail(Name, error ?? "the model cannot be resolved", hint));
        }

        var v = model.Verification;
        return Task.FromResult(DoctorResult.Pass(Name,
            $"{model.Entry.Name}: {v.Path}, sha256 {v.Sha256[..12]}..., input [{string.Join(", ", v.InputShape ?? [])}], output [{string.Join(", ", v.OutputShape ?? [])}]"));
    }
}
