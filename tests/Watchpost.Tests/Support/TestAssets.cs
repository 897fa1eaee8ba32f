using Watchpost.Assets;

namespace Watchpost.Tests.Support;

/// <summary>The real model and footage the tests run on, located through the same mirror lookup the product uses.</summary>
public static class TestAssets
{
    public static string Model => AssetMirror.Require("models/yolox_nano.onnx");
    public static string Video => AssetMirror.Require("media/vtest.avi");
    public static string GroundTruth => AssetMirror.Require("media/PETS09-S2L1.gt.txt");
}
