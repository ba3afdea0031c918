use Test;
use Greeting;

plan 2;

is greet("Raku"), "Hello, Raku!", "greets by name";
dies-ok { greet(Str) }, "refuses an undefined name";
