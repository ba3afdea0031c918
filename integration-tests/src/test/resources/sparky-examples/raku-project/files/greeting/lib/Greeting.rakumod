unit module Greeting;

#| A greeting for whoever is named.
sub greet(Str:D $who --> Str:D) is export {
    "Hello, $who!"
}
