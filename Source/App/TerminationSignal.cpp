#include "App/TerminationSignal.h"

#include <csignal>

namespace paddeck
{

namespace
{
volatile std::sig_atomic_t signalled = 0;
extern "C" void onTerminationSignal (int) { signalled = 1; }
} // namespace

TerminationSignal::TerminationSignal (std::function<void()> callback)
    : onSignal (std::move (callback))
{
    signalled = 0;
    std::signal (SIGTERM, onTerminationSignal);
    std::signal (SIGINT, onTerminationSignal);
    startTimerHz (10);
}

TerminationSignal::~TerminationSignal()
{
    std::signal (SIGTERM, SIG_DFL);
    std::signal (SIGINT, SIG_DFL);
}

void TerminationSignal::timerCallback()
{
    if (signalled == 0)
        return;
    signalled = 0;
    onSignal();
}

} // namespace paddeck
