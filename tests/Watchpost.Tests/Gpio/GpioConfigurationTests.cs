using Watchpost.Configuration;
using Watchpost.Gpio;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Gpio;

/// <summary>The gpio section and the board maps: what loads, and each mistake refused at load with its field.</summary>
public sealed class GpioConfigurationTests
{
    [Fact]
    public void The_example_section_loads_with_pins_by_number_and_by_name()
    {
        var gpio = GpioSite.Load().Gpio;

        Assert.Equal("jetson-orin-nano", gpio.Board);
        Assert.Equal(["lobby-door", "panic"], gpio.Inputs.Select(i => i.Name));
        Assert.True(gpio.Inputs[0].ActiveLow);
        Assert.Equal("gate-1", gpio.Inputs[0].Camera);
        Assert.Equal(10, gpio.Outputs[0].OnRules[0].Seconds);
        var map = BoardMaps.Find(gpio.Board)!;
        Assert.Equal(GpioSite.DoorLine, map.Find(gpio.Inputs[0].Pin)!.Line);
        Assert.Equal(GpioSite.PanicLine, map.Find(gpio.Inputs[1].Pin)!.Line);   // "GPIO01" = header pin 29
        Assert.Equal(29, map.Find("pq.05")!.Pin);                                // the SoC name too, any case
    }

    [Fact]
    public void A_site_without_gpio_is_board_none_with_nothing_configured()
    {
        var gpio = GpioSite.Load("""{ "board": "none" }""").Gpio;
        Assert.Empty(gpio.Inputs);
        Assert.Empty(new WatchpostOptions().Gpio.Outputs);
        Assert.Equal("none", new WatchpostOptions().Gpio.Board);
    }

    [Theory]
    [InlineData("""{ "board": "raspberry-pi-5" }""", "gpio.board: no pin map for 'raspberry-pi-5' in firmware-config/; expected one of jetson-orin-nano, jetson-orin-nx, none, nuc-ft232h")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 3, "kind": "door" } ] }""", "gpio.inputs[0] ('door').pin: board 'jetson-orin-nano' has no GPIO pin '3'; its pins are 7 (GPIO09), 11 (UART1_RTS)")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": "GPIO99", "kind": "door" } ] }""", "gpio.inputs[0] ('door').pin: board 'jetson-orin-nano' has no GPIO pin 'GPIO99'")]
    [InlineData("""{ "board": "none", "outputs": [ { "name": "siren", "pin": 7 } ] }""", "gpio.outputs[0] ('siren').pin: board 'none' has no GPIO pin '7'; its pins are none")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 7, "kind": "door" } ], "outputs": [ { "name": "door", "pin": 12 } ] }""", "gpio.outputs[0] ('door').name: 'door' is used by another input or output")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 7, "kind": "door" } ], "outputs": [ { "name": "siren", "pin": "GPIO09" } ] }""", "gpio.outputs[0] ('siren').pin: pin 7 (GPIO09) is already used by 'door'")]
    [InlineData("""{ "board": "jetson-orin-nano", "outputs": [ { "name": "siren", "pin": 12, "onRules": [ { "rule": "night-intrusoin", "seconds": 10 } ] } ] }""", "gpio.outputs[0] ('siren').onRules[0].rule: no rule has the id 'night-intrusoin'")]
    [InlineData("""{ "board": "jetson-orin-nano", "outputs": [ { "name": "siren", "pin": 12, "maxSeconds": 5, "onRules": [ { "rule": "night-intrusion", "seconds": 10 } ] } ] }""", "gpio.outputs[0] ('siren').onRules[0].seconds: 10 is longer than the relay's maxSeconds 5")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 7, "kind": "smoke" } ] }""", "gpio.inputs[].kind must be door, tamper or panic")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 7, "kind": "door", "camera": "gate-9" } ] }""", "gpio.inputs[0] ('door').camera: no camera has the id 'gate-9'")]
    [InlineData("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 7, "kind": "door", "debounce": 50 } ] }""", "debounce")]
    public void A_bad_gpio_section_is_refused_at_load_naming_the_field(string gpio, string expected)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => GpioSite.Load(gpio));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_map_in_firmware_config_is_built_in_and_parses()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "firmware-config"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, BoardMaps.Names);
        foreach (var name in files)
        {
            var map = BoardMaps.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "firmware-config", name + ".json")), name);
            Assert.Equal(name, map.Board);
            Assert.Equal(map.Pins.Count, map.Pins.Select(p => p.Line).Distinct().Count());
        }

        // The Orin Nano and NX share the p3768 carrier's header: same lines on tegra234-gpio.
        var nano = BoardMaps.Find("jetson-orin-nano")!;
        Assert.Equal(nano.Pins, BoardMaps.Find("jetson-orin-nx")!.Pins);
        Assert.Equal("tegra234-gpio", nano.ChipLabel);
        Assert.Equal(22, nano.Pins.Count);
        Assert.Equal(new BoardPin(7, 144, "GPIO09", "PAC.06"), nano.Find("7"));
        Assert.Equal(new BoardPin(40, 51, "I2S0_SDOUT", "PI.00"), nano.Find("40"));
        Assert.False(BoardMaps.Find("nuc-ft232h")!.EdgeEvents);
        Assert.Throws<FormatException>(() => BoardMaps.Parse("""{ "board": "x", "driver": "libgpiod", "pins": [], "colour": 1 }""", "x.json"));
    }
}
