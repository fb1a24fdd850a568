#include <juce_core/juce_core.h>

#include <iostream>

int main()
{
    std::cout << "{\"figure\": \"placeholder\"}" << std::endl;
    return 0;
}
