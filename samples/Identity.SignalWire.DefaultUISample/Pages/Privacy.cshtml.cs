using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.DefaultUISample.Pages;

public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}

