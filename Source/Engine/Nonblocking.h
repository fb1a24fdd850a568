#pragma once

/** Marks a function on the audio callback path `[[clang::nonblocking]]`: in the RealtimeSanitizer
    build (Builds/Linux/check.sh) everything it runs, down to JUCE and Rubber Band, is checked for
    allocation, locks, waits and I/O. Empty for compilers without the attribute (GCC). Written
    after the parameter list, before `override`. */
#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::nonblocking)
#define PADDECK_NONBLOCKING [[clang::nonblocking]]
#endif
#endif

#ifndef PADDECK_NONBLOCKING
#define PADDECK_NONBLOCKING
#endif
