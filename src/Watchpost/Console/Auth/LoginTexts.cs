namespace Watchpost.WebConsole.Auth;

/// <summary>The login page's words in one language (see <see cref="ConsoleLanguage"/>).</summary>
internal sealed record LoginTexts(
    string Language,
    string Title,
    string Heading,
    string User,
    string Password,
    string LogIn,
    string WrongPassword,
    string NoUsers,
    string SwitchTo,
    string SwitchLabel)
{
    public static LoginTexts English { get; } = new(
        ConsoleLanguage.English, "Watchpost login", "Watchpost console", "User", "Password", "Log in",
        "Wrong user name or password for '{0}'.",
        "No console user exists yet: on the appliance, run <code>watchpost user add NAME --role admin</code>.",
        ConsoleLanguage.Chinese, "中文");

    public static LoginTexts Chinese { get; } = new(
        ConsoleLanguage.Chinese, "值守台 登录", "值守台", "用户名", "密码", "登录",
        "用户名或密码错误（'{0}'）。",
        "还没有控制台用户：请在设备上运行 <code>watchpost user add NAME --role admin</code>。",
        ConsoleLanguage.English, "English");

    public static LoginTexts For(string language) => language == ConsoleLanguage.Chinese ? Chinese : English;
}
