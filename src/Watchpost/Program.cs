using Watchpost.Cli;

return await WatchpostCli.InvokeAsync(args);
