using OpenCvSharp;

namespace Watchpost.Cli.Doctor;

/// <summary>The OpenCvSharp native library (libOpenCvSharpExtern.so) loads and runs a small Mat operation, as the pipeline's first resize would.</summary>
internal sealed class OpenCvCheck : IDoctorCheck
{
    public string Name => "opencv";

    public Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var image = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(100));
            using var small = new Mat();
            Cv2.Resize(image, small, new Size(2, 2));
            var sum = Cv2.Sum(small).Val0;
            return Task.FromResult(sum == 400
                ? DoctorResult.Pass(Name, $"OpenCV {Cv2.GetVersionString()} (OpenCvSharp native library loads)")
                : DoctorResult.Fail(Name, $"OpenCV {Cv2.GetVersionString()} loads but a 2x2 resize summed to {sum}, expected 400", "reinstall watchpost (the native library is damaged)"));
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            var library = NativeLibraryPath();
            return Task.FromResult(DoctorResult.Fail(Name, $"the OpenCvSharp native library does not load: {Inner(e).Message}",
                $"ldd {library} | grep 'not found'   (then install the packages that provide those libraries, e.g. sudo apt-get install libgomp1 libgtk2.0-0)"));
        }
    }

    private static Exception Inner(Exception e) => e is TypeInitializationException { InnerException: { } inner } ? inner : e;

    private static string NativeLibraryPath()
    {
        const string file = "libOpenCvSharpExtern.so";
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, file),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", file),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-arm64", "native", file),
        ];
        return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
    }
}
