using System.Globalization;
using Watchpost.Gpio;

namespace Watchpost.Configuration;

/// <summary>
/// Checks of the "gpio" section against the board's pin map and the rest of the site: pins that the board has,
/// names and pins used once, rules and cameras that exist, pulses no longer than the relay allows.
/// </summary>
internal static class GpioValidator
{
    public static void Validate(WatchpostOptions site, List<string> errors)
    {
        var gpio = site.Gpio;
        var map = BoardMaps.Find(gpio.Board);
        if (map is null)
        {
            errors.Add($"gpio.board: no pin map for '{gpio.Board}' in firmware-config/; expected one of {string.Join(", ", BoardMaps.Names)}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = new Dictionary<int, string>();
        void CheckPin(string field, string name, string pin)
        {
            if (!names.Add(name))
            {
                errors.Add($"{field}.name: '{name}' is used by another input or output");
            }

            if (map is null || string.IsNullOrWhiteSpace(pin))
            {
                return;
            }

            if (map.Find(pin) is not { } found)
            {
                errors.Add($"{field}.pin: board '{map.Board}' has no GPIO pin '{pin}'; its pins are {map.PinList}");
            }
            else if (!lines.TryAdd(found.Line, name))
            {
                errors.Add($"{field}.pin: pin {found.Pin} ({found.Name}) is already used by '{lines[found.Line]}'");
            }
        }

        for (var i = 0; i < gpio.Inputs.Count; i++)
        {
            var input = gpio.Inputs[i];
            CheckPin($"gpio.inputs[{i}] ('{input.Name}')", input.Name, input.Pin);
            if (input.Camera is { } camera && site.Cameras.All(c => c.Id != camera))
            {
                errors.Add($"gpio.inputs[{i}] ('{input.Name}').camera: no camera has the id '{camera}'");
            }
        }

        var rules = site.Rules.Select(r => r.Id).Concat(gpio.Inputs.Select(input => "gpio:" + input.Name)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < gpio.Outputs.Count; i++)
        {
            var output = gpio.Outputs[i];
            var field = $"gpio.outputs[{i}] ('{output.Name}')";
            CheckPin(field, output.Name, output.Pin);
            for (var j = 0; j < output.OnRules.Count; j++)
            {
                var trigger = output.OnRules[j];
                if (!rules.Contains(trigger.Rule))
                {
                    errors.Add($"{field}.onRules[{j}].rule: no rule has the id '{trigger.Rule}' (nor is it gpio:<input name>)");
                }

                if (trigger.Seconds > output.MaxSeconds)
                {
                    errors.Add($"{field}.onRules[{j}].seconds: {trigger.Seconds.ToString(CultureInfo.InvariantCulture)} is longer than the relay's maxSeconds {output.MaxSeconds.ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }
    }
}
