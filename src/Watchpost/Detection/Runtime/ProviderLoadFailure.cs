using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Watchpost.Detection.Runtime;

/// <summary>
/// Turns an execution provider's failure into a one-line reason. ONNX Runtime only says "Failed to load shared
/// library" (the missing dependency goes to its own stderr log), so for that case the provider library is loaded
/// once more through <see cref="NativeLibrary"/>, whose error names the library that is missing (e.g. libcublasLt.so.13).
/// </summary>
internal static class ProviderLoadFailure
{
    public static string Explain(ExecutionProvider provider, Exception error)
    {
        var message = Clean(error.Message);
        if (!message.Contains("Failed to load", StringComparison.OrdinalIgnoreCase) || ProviderLibrary(provider) is not { } library)
        {
            return message;
        }

        var path = LibraryPath(library);
        if (path is null)
        {
            return $"Failed to load shared library {library}: it is not installed beside libonnxruntime.so ({message})";
        }

        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return message;
        }
        catch (DllNotFoundException dll)
        {
            // The last line of the loader's message is dlerror(): "libcublasLt.so.13: cannot open shared object file: ...".
            var last = dll.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? dll.Message;
            var colon = last.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && !last[..colon].Contains(' ', StringComparison.Ordinal))
            {
                var missing = Path.GetFileName(last[..colon]);
                return missing == library
                    ? $"Failed to load shared library {library}: {last[(colon + 2)..]}"
                    : $"Failed to load shared library {missing} (needed by {library}): {last[(colon + 2)..]}";
            }

            return $"Failed to load shared library {library}: {last}";
        }
    }

    private static string? ProviderLibrary(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.TensorRt => "libonnxruntime_providers_tensorrt.so",
        ExecutionProvider.Cuda => "libonnxruntime_providers_cuda.so",
        _ => null,
    };

    private static string? LibraryPath(string library)
    {
        var managed = Path.GetDirectoryName(typeof(InferenceSession).Assembly.Location) ?? AppContext.BaseDirectory;
        string[] folders =
        [
            AppContext.BaseDirectory,
            managed,
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"),
            Path.Combine(managed, "runtimes", "linux-x64", "native"),
        ];
        return folders.Select(folder => Path.Combine(folder, library)).FirstOrDefault(File.Exists);
    }

    // ORT messages carry a source location prefix and a trailing newline; keep the readable part.
    private static string Clean(string message)
    {
        var text = message.Trim();
        var fail = text.LastIndexOf(" : FAIL : ", StringComparison.Ordinal);
        return fail >= 0 ? text[(fail + 10)..].Trim() : text;
    }
}
