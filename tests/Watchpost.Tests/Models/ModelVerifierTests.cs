
using Watchpost.Detection.Decoding;
using Watchpost.Models;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Models;

/// <summary>Finding and checking model files: the real one passes, a missing, corrupt, foreign or wrong-shape one fails clearly.</summary>
public class ModelVerifierTests
{
    private static ModelManifestEntry YoloxNano => ModelManifest.BuiltIn.Find("yolox-nano");

    [Fact]
    public void The_real_model_verifies_against_the_manifest()
    {
        var v = ModelVerifier.Verify(RealDetector.Model.Path, YoloxNano);

        Assert.True(v.IsValid, string.Join("; ", v.Problems));
        Assert.Contains(v.Sha256, YoloxNano.Sha256);
        Assert.Equal([1, 3, 416, 416], v.InputShape!);
        Assert.Equal([1, 3549, 85], v.OutputShape!);
    }

    [Fact]
    public void The_catalog_finds_the_model_in_the_mirror_and_settles_its_layout()
    {
        var model = ModelCatalog.Default().Resolve("yolox-nano");

        Assert.EndsWith(Path.Combine("models", "yolox_nano.onnx"), model.Path, StringComparison.Ordinal);
        Assert.Equal(OutputLayout.Yolox, model.Layout);
    }

    [Fact]
    public void Without_a_declared_layout_the_output_shape_decides()
    {
        using var temp = new TempFolder();
        var catalog = new ModelCatalog(
            new ModelManifest([YoloxNano with { Layout = null }], "test"),
            new ModelLocator([Path.GetDirectoryName(Path.GetDirectoryName(RealDetector.Model.Path))!], temp.Path));

        Assert.Equal(OutputLayout.Yolox, catalog.Resolve("yolox-nano").Layout);
    }

    [Fact]
    public void A_missing_model_says_where_it_looked_and_how_to_fetch_it()
    {
        using var mirror = new TempFolder();
        using var cache = new TempFolder();
        var catalog = new ModelCatalog(ModelManifest.BuiltIn, new ModelLocator([mirror.Path], cache.Path));

        var e = Assert.Throws<ModelFileException>(() => catalog.Resolve("yolox-nano"));

        Assert.Contains(Path.Combine(mirror.Path, "models", "yolox_nano.onnx"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(cache.Path, "models", "yolox_nano.onnx"), e.Message, StringComparison.Ordinal);
        Assert.Contains("watchpost model fetch yolox-nano", e.Message, StringComparison.Ordinal);
        Assert.Contains(YoloxNano.Url, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_explicit_path_names_the_option_and_does_not_fall_back_to_the_mirror()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelCatalog.Default().Resolve("yolox-nano", "/no/such/dir/model.onnx"));

        Assert.Contains("/no/such/dir/model.onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains("detector.modelPath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_file_fails_with_expected_and_actual_sha256_and_says_it_is_not_onnx()
    {
        using var temp = new TempFolder();
        var path = temp.File("yolox_nano.onnx");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<ModelFileException>(() => ModelCatalog.Default().Resolve("yolox-nano", path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"sha256 is {ModelVerifier.HashFile(path)}", e.Message, StringComparison.Ordinal);
        Assert.Contains(YoloxNano.Sha256[0], e.Message, StringComparison.Ordinal);
        Assert.Contains(YoloxNano.Sha256[1], e.Message, StringComparison.Ordinal);
        Assert.Contains("not an ONNX model", e.Message, StringComparison.Ordinal);
        Assert.Contains("size is 4,096 bytes, expected 3,659,407", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_copy_of_the_real_model_fails_on_its_hash()
    {
        using var temp = new TempFolder();
        var path = temp.File("yolox_nano.onnx");
        File.WriteAllBytes(path, File.ReadAllBytes(RealDetector.Model.Path)[..1_000_000]);

        var v = ModelVerifier.Verify(path, YoloxNano);

        Assert.False(v.IsValid);
        Assert.Contains(v.Problems, p => p.StartsWith("sha256 is ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_onnx_model_of_the_wrong_shape_fails_with_expected_and_actual_shapes()
    {
        using var temp = new TempFolder();
        var path = temp.File("wrong.onnx");
        TinyOnnxModel.Write(path, 1, 3, 320, 320);

        var e = Assert.Throws<ModelFileException>(() => ModelVerifier.Verify(path, YoloxNano).EnsureValid());

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("input shape is [1, 3, 320, 320], expected [1, 3, 416, 416]", e.Message, StringComparison.Ordinal);
        Assert.Contains("output shape is [1, 3, 320, 320], expected [1, 3549, 85]", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not an ONNX model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_git_lfs_pointer_is_called_what_it_is()
    {
        using var temp = new TempFolder();
        var path = temp.File("yolox_nano.onnx");
        File.WriteAllText(path, "version https://git-lfs.github.com/spec/v1\noid sha256:4903c9\nsize 3659407\n");

        var v = ModelVerifier.Verify(path, YoloxNano);

        Assert.Contains(v.Problems, p => p.Contains("Git LFS pointer", StringComparison.Ordinal));
    }
}
