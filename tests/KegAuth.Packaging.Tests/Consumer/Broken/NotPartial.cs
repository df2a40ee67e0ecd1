using KegAuth;

namespace Consumer;

// Not partial: the package's analyzer must report KEG001.
[KegAttempt]
public class LoginAttempt
{
    public int Id { get; set; }
}
