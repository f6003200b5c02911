using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.DefaultUISample.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {

    }
}
