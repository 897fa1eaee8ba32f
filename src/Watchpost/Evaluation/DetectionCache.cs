using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Watchpost.Detection;

namespace Watchpost.Evaluation;

/// <summary>
/// Keeps each video's detections in a folder so that re-running `eval behaviour` with other rules costs only
/// decoding, tracking and the rules. An entry is keyed by the video (path, size, time written) and the detector
/// settings the caller names, so a changed video or model never reuses old detections.
/// </summary>
public sealed class DetectionCache(string folder, string detectorKey)
{
    public bool TryLoad(string videoPath, out List<DetectedObject[]> frames)
    {
        frames = [];
        var file = FileFor(videoPath);
        if (!File.Exists(file))
        {
            return false;
        }

        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Length == 0 ? [] : line.Split(' ');
            var objects = new DetectedObject[fields.Length / 6];
            for (var i = 0; i < objects.Length; i++)
            {
                float F(int k) => float.Parse(fields[i * 6 + k], CultureInfo.InvariantCulture);
                objects[i] = new DetectedObject(new BoundingBox(F(2), F(3), F(4), F(5)), int.Parse(fields[i * 6], CultureInfo.InvariantCulture), F(1));
            }

            frames.Add(objects);
        }

        return true;
    }

    public void Save(string videoPath, IReadOnlyList<IReadOnlyList<DetectedObject>> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        Directory.CreateDirectory(folder);
        var text = new StringBuilder();
        foreach (var objects in frames)
        {
            text.AppendJoin(' ', objects.Select(o => string.Create(CultureInfo.InvariantCulture,
                $"{o.ClassId} {o.Score:R} {o.Box.X:R} {o.Box.Y:R} {o.Box.Width:R} {o.Box.Height:R}")));
            text.Append('\n');
        }

        var file = FileFor(videoPath);
        File.WriteAllText(file + ".part", text.ToString());
        File.Move(file + ".part", file, overwrite: true);
    }

    private string FileFor(string videoPath)
    {
        var info = new FileInfo(videoPath);
        var key = $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{detectorKey}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(videoPath)}-{hash}.det");
    }
}
