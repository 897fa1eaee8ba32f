namespace Watchpost.Tests.Support;

/// <summary>Files of the checkout the tests read (README.md, docs/eval/...), found above the test binaries.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Watchpost.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Watchpost.slnx above {AppContext.BaseDirectory}");
    }
}
