using System.CommandLine;

namespace Watchpost.Cli;

/// <summary><c>watchpost camera ...</c>: the site file's cameras, and probing a stream before it is saved.</summary>
public static class CameraCommand
{
    public static Command Create()
    {
        var command = new Command("camera", "The site file's cameras: add, list, show, remove; probe a stream; save a snapshot");
        command.Add(CameraAddCommand.Create());
        command.Add(CameraListCommand.Create());
        command.Add(CameraShowCommand.Create());
        command.Add(CameraRemoveCommand.Create());
        command.Add(CameraProbeCommand.Probe());
        command.Add(CameraProbeCommand.Snapshot());
        return command;
    }
}
