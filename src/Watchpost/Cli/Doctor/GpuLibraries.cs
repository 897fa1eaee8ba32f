using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Watchpost.Detection.Runtime;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// Why a GPU execution provider does not load: which shared libraries its ONNX Runtime provider library needs
/// that this machine lacks (from <c>ldd</c>, else by trying the usual names), which packages provide them,
/// and whether an NVIDIA driver and GPU are there at all.
/// </summary>
internal static partial class GpuLibraries
{
    // When ldd cannot say: the libraries the x64 provider libraries of the executable's ONNX Runtime link to.
    private static readonly string[] CudaFallback = ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9"];
    private const string CuDnn = "libcudnn.so.9";
    private static readonly string[] TensorRtFallback = ["libnvinfer.so.10", "libnvonnxparser.so.10"];

    /// <summary>The provider's library beside the executable (libonnxruntime_providers_cuda.so, ..._tensorrt.so), or null when this build has none (linux-arm64).</summary>
    public static string? ProviderLibrary(ExecutionProvider provider)
    {
        var file = provider == ExecutionProvider.TensorRt ? "libonnxruntime_providers_tensorrt.so" : "libonnxruntime_providers_cuda.so";
        var managed = Path.GetDirectoryName(typeof(InferenceSession).Assembly.Location) ?? AppContext.BaseDirectory;
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        return new[] { AppContext.BaseDirectory, managed, Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"), Path.Combine(managed, "runtimes", rid, "native") }
            .Select(folder => Path.Combine(folder, file))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The libraries the provider needs that do not load here, e.g. libcudart.so.13.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(ExecutionProvider provider, string? providerLibrary, CancellationToken cancellationToken)
    {
        if (providerLibrary is not null && await ExternalTool.RunAsync("ldd", [providerLibrary], TimeSpan.FromSeconds(10), cancellationToken) is { ExitCode: 0 } ldd)
        {
            // "\tlibcublasLt.so.13 => not found"
            var linked = ldd.Stdout.Split('\n').Where(l => l.Contains("=> not found", StringComparison.Ordinal)).Select(l => l.Split("=>")[0].Trim());

            // cuDNN is opened by the CUDA provider when it starts, not linked, so ldd does not list it.
            return [.. linked.Concat(Loads(CuDnn) ? [] : [CuDnn]).Distinct()];
        }

        var names = provider == ExecutionProvider.TensorRt ? CudaFallback.Concat(TensorRtFallback) : CudaFallback;
        return [.. names.Where(name => !Loads(name))];
    }

    /// <summary>The packages that provide <paramref name="missing"/>: NVIDIA's CUDA repository names on Debian/Ubuntu, nvidia-jetpack on a Jetson.</summary>
    public static string InstallHint(IReadOnlyList<string> missing)
    {
        if (IsJetson())
        {
            return "sudo apt-get install nvidia-jetpack   (JetPack 6: CUDA 12.6, cuDNN 9, TensorRT 10), and an ONNX Runtime built for it: see firmware-config/README.md (Jetson)";
        }

        var packages = missing.Select(Package).Where(p => p is not null).Distinct().ToList();
        var driver = missing.Any(m => m.StartsWith("libcuda.so", StringComparison.Ordinal)) || !HasNvidiaDevice();
        var parts = new List<string>();
        if (driver)
        {
            parts.Add("an NVIDIA GPU with its driver (Debian: sudo apt-get install nvidia-driver from non-free; Ubuntu: sudo ubuntu-drivers install)");
        }

        if (packages.Count > 0)
        {
            parts.Add($"sudo apt-get install {string.Join(' ', packages)}   (from NVIDIA's CUDA repository: " +
                      "https://developer.download.nvidia.com/compute/cuda/repos/<debian12|ubuntu2204|ubuntu2404>/x86_64/cuda-keyring_1.1-1_all.deb)");
        }

        parts.Add("or, on a machine without an NVIDIA GPU, set detector.providers to [\"cpu\"]");
        return string.Join("; ", parts);
    }

    /// <summary>Whether an NVIDIA driver and GPU are there: /dev/nvidia0 (or a Jetson's GPU node) and what nvidia-smi says.</summary>
    public static async Task<string> DriverAsync(CancellationToken cancellationToken)
    {
        if (IsJetson())
        {
            return File.Exists("/dev/nvgpu/igpu0/ctrl") || File.Exists("/dev/nvhost-ctrl-gpu") ? "Jetson integrated GPU present" : "Jetson, but its GPU device node is missing (is the L4T kernel running?)";
        }

        var smi = await ExternalTool.RunAsync("nvidia-smi", ["--query-gpu=name,driver_version", "--format=csv,noheader"], TimeSpan.FromSeconds(10), cancellationToken);
        var device = HasNvidiaDevice() ? "/dev/nvidia0 present" : "no NVIDIA GPU (/dev/nvidia0 absent)";
        return smi switch
        {
            null => $"{device}, nvidia-smi not found (no NVIDIA driver installed)",
            { ExitCode: 0 } => $"{device}, nvidia-smi: {smi.FirstLine}",
            _ => $"{device}, nvidia-smi failed: {smi.FirstLine}",
        };
    }

    public static bool IsJetson() => File.Exists("/etc/nv_tegra_release") || ReadText("/proc/device-tree/compatible").Contains("nvidia,tegra", StringComparison.Ordinal);

    private static bool HasNvidiaDevice() => File.Exists("/dev/nvidia0");

    private static string ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool Loads(string library)
    {
        if (NativeLibrary.TryLoad(library, out var handle))
        {
            NativeLibrary.Free(handle);
            return true;
        }

        return false;
    }

    /// <summary>The Debian/Ubuntu package (NVIDIA's CUDA repository) of a library, by soname.</summary>
    private static string? Package(string library)
    {
        var match = SonameRegex().Match(library);
        if (!match.Success)
        {
            return null;
        }

        var (name, major) = (match.Groups["name"].Value, match.Groups["major"].Value);

        // The CUDA toolkit's libraries carry their major version (13, cuRAND 10); their packages are named by the toolkit's major-minor.
        var cuda = CudaMajorOf(name, major);
        return name switch
        {
            "libcuda" => null,  // the driver (the hint names it)
            "libcudart" => $"cuda-cudart-{cuda}-0",
            "libcublas" or "libcublasLt" => $"libcublas-{cuda}-0",
            "libcurand" => $"libcurand-{cuda}-0",
            "libcufft" => $"libcufft-{cuda}-0",
            "libcudnn" or "libcudnn_graph" or "libcudnn_ops" => $"libcudnn{major}-cuda-{cuda}",
            "libnvinfer" => $"libnvinfer{major}",
            "libnvinfer_plugin" => $"libnvinfer-plugin{major}",
            "libnvonnxparser" => $"libnvonnxparsers{major}",
            _ => null,
        };
    }

    // cuRAND 10 and cuFFT 12 ship with CUDA 13; cuDNN 9 is built per CUDA major. The executable's ONNX Runtime links CUDA 13.
    private static string CudaMajorOf(string name, string major) => name is "libcudart" or "libcublas" or "libcublasLt" ? major : "13";

    [GeneratedRegex(@"^(?<name>[A-Za-z_]+)\.so\.(?<major>\d+)")]
    private static partial Regex SonameRegex();
}
