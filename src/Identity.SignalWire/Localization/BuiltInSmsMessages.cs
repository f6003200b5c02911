using System.Collections.Frozen;

namespace Identity.SignalWire;

/// <summary>
/// The SMS texts the library ships, by culture name, used when <see cref="SignalWireMfaOptions.UseBuiltInSmsMessages"/>
/// is on and the application has no text of its own for the culture.
/// </summary>
/// <remarks>
/// <para>
/// English has no entry on purpose: English falls through to <see cref="SignalWireMfaOptions.SmsMessage"/>, so an
/// application's own English text (or SignalWire's default when it has none) is never replaced by a built-in one.
/// </para>
/// <para>
/// Each text fits one SMS segment together with a space and a 20-character code, the longest SignalWire sends
/// (a test holds every entry to that), so a built-in text fits whatever <see cref="SignalWireMfaOptions.TokenLength"/>
/// an application chooses. Keys are the neutral culture a language's regional cultures fall back to ("fr" serves
/// fr-FR and fr-CA); a regional key is used only where the region's wording differs (pt-PT) or the script does
/// (zh-Hant serves zh-TW and zh-HK, "zh" serves zh-CN through zh-Hans).
/// </para>
/// </remarks>
internal static class BuiltInSmsMessages
{
    public static FrozenDictionary<string, string> ByCulture { get; } = new Dictionary<string, string>
    {
        ["ar"] = "رمز تسجيل الدخول الخاص بك هو:",
        ["cs"] = "Váš přihlašovací kód je:",
        ["da"] = "Din loginkode er:",
        ["de"] = "Ihr Anmeldecode lautet:",
        ["el"] = "Ο κωδικός σύνδεσής σας είναι:",
        ["es"] = "Tu código de acceso es:",
        ["fi"] = "Kirjautumiskoodisi on:",
        ["fr"] = "Votre code de connexion est :",
        ["he"] = "קוד הכניסה שלך הוא:",
        ["hi"] = "आपका लॉगिन कोड है:",
        ["hu"] = "Az Ön bejelentkezési kódja:",
        ["id"] = "Kode masuk Anda adalah:",
        ["it"] = "Il tuo codice di accesso è:",
        ["ja"] = "ログイン認証コード:",
        ["ko"] = "로그인 인증번호:",
        ["nb"] = "Din påloggingskode er:",
        ["nl"] = "Je inlogcode is:",
        ["pl"] = "Twój kod logowania to:",
        ["pt"] = "Seu código de acesso é:",
        ["pt-PT"] = "O seu código de acesso é:",
        ["ro"] = "Codul tău de autentificare este:",
        ["ru"] = "Ваш код для входа:",
        ["sv"] = "Din inloggningskod är:",
        ["th"] = "รหัสเข้าสู่ระบบของคุณคือ:",
        ["tr"] = "Giriş kodunuz:",
        ["uk"] = "Ваш код для входу:",
        ["vi"] = "Mã đăng nhập của bạn là:",
        ["zh"] = "您的登录验证码：",
        ["zh-Hant"] = "您的登入驗證碼：",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
