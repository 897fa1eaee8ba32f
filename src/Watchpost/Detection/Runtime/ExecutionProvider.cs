namespace Watchpost.Detection.Runtime;

/// <summary>The ONNX Runtime execution providers Watchpost knows how to set up, fastest first.</summary>
public enum ExecutionProvider
{
    TensorRt,
    Cuda,
    Cpu,
}
