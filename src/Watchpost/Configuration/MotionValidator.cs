using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Watchpost.Configuration;

/// <summary>Checks each camera's "motion" section: its annotations and its mask polygons, naming the camera.</summary>
internal static class MotionValidator
{
    public static void Validate(WatchpostOptions site, List<string> errors)
    {
        for (var i = 0; i < site.Cameras.Count; i++)
        {
            var camera = site.Cameras[i];
            if (camera.Motion is not { } motion)
            {
                continue;
            }

            var field = $"cameras[{i}] ('{camera.Id}').motion";
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(motion, new ValidationContext(motion), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    var member = JsonNamingPolicy.CamelCase.ConvertName(result.MemberNames.FirstOrDefault() ?? "");
                    errors.Add($"{field}.{member}: {result.ErrorMessage ?? "invalid"}");
                }
            }

            for (var m = 0; m < motion.Masks.Count; m++)
            {
                var polygon = motion.Masks[m];
                if (polygon is null || polygon.Count < 3)
                {
                    errors.Add($"{field}.masks[{m}]: a mask polygon needs at least 3 points [x, y]");
                }
                else if (polygon.Any(p => p is null || p.Length != 2))
                {
                    errors.Add($"{field}.masks[{m}]: every point is [x, y]");
                }
                else if (polygon.Any(p => p[0] < 0 || p[1] < 0 || !float.IsFinite(p[0]) || !float.IsFinite(p[1])))
                {
                    errors.Add($"{field}.masks[{m}]: points are frame pixels, 0 or more");
                }
                else if (GeometryCheck.Polygon(polygon) is { } problem)
                {
                    errors.Add($"{field}.masks[{m}]: {problem}");
                }
            }
        }
    }
}
