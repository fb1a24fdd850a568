#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

namespace paddeck::test
{

/** A child process the tests start and always stop (SIGTERM, then SIGKILL), e.g. jackd or Xvfb. */
class BackgroundProcess
{
public:
    BackgroundProcess() = default;
    ~BackgroundProcess() { stop(); }

    BackgroundProcess (const BackgroundProcess&) = delete;
    BackgroundProcess& operator= (const BackgroundProcess&) = delete;

    /** Starts argv[0] (looked up on PATH). Output goes to logFile. Returns false if it could not start. */
    bool start (const std::vector<std::string>& argv, const std::string& logFile = "/dev/null");
    bool isRunning();
    void stop();
    /** Sends a signal (SIGKILL: the process dies as in a crash) and waits until it has ended. */
    void kill (int signal);
    pid_t getPid() const noexcept { return pid; }

    /** Runs a command to completion, returns its exit code (or -1), capturing stdout+stderr. */
    static int run (const std::vector<std::string>& argv, std::string* output = nullptr,
                    double timeoutSeconds = 120);

private:
    pid_t pid = -1;
};

} // namespace paddeck::test
