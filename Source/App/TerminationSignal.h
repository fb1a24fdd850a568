#pragma once

#include <juce_events/juce_events.h>

namespace paddeck
{

/** SIGTERM (how a session manager ends its clients) and SIGINT turned into a call on the message
    thread: the handler only sets a flag, which a timer looks at ten times a second. [message] */
class TerminationSignal : private juce::Timer
{
public:
    explicit TerminationSignal (std::function<void()> onSignal);
    ~TerminationSignal() override;

private:
    void timerCallback() override;
    std::function<void()> onSignal;
};

} // namespace paddeck
