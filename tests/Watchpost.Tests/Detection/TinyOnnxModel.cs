using System.Text;

namespace Watchpost.Tests.Detection;

/// <summary>
/// Writes a real, loadable ONNX model of one Identity node with a chosen tensor shape (input = output), by encoding
/// the few protobuf messages by hand: a stand-in for "an ONNX file of the wrong model" without committing one.
/// </summary>
internal static class TinyOnnxModel
{
    public static void Write(string path, params long[] shape)
    {
        var graph = Concat(
            Field(1, Concat(Text(1, "images"), Text(2, "output"), Text(3, "identity"), Text(4, "Identity"))),
            Text(2, "tiny"),
            Field(11, ValueInfo("images", shape)),
            Field(12, ValueInfo("output", shape)));
        var model = Concat(
            Varint(1, 8), // ir_version
            Text(2, "watchpost-tests"),
            Field(7, graph),
            Field(8, Concat(Text(1, ""), Varint(2, 13)))); // opset_import: default domain, opset 13
        File.WriteAllBytes(path, model);
    }

    private static byte[] ValueInfo(string name, long[] shape)
    {
        var dims = Concat([.. shape.Select(d => Field(1, Varint(1, (ulong)d)))]);
        var tensor = Concat(Varint(1, 1), Field(2, dims)); // elem_type FLOAT, shape
        return Concat(Text(1, name), Field(2, Field(1, tensor)));
    }

    private static byte[] Text(int field, string value) => Field(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Field(int field, byte[] payload) => Concat(Raw((ulong)((field << 3) | 2)), Raw((ulong)payload.Length), payload);

    private static byte[] Varint(int field, ulong value) => Concat(Raw((ulong)(field << 3)), Raw(value));

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
