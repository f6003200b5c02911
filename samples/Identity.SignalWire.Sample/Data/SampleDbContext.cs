using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Identity.SignalWire.Sample.Data;

/// <summary>The Identity tables, in SQLite.</summary>
/// <param name="options">The context options.</param>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : IdentityDbContext<IdentityUser>(options);
