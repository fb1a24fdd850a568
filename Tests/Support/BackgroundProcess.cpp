#include "Support/BackgroundProcess.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace paddeck::test
{

static pid_t spawn (const std::vector<std::string>& argv, int outFd)
{
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back (const_cast<char*> (a.c_str()));
    args.push_back (nullptr);

    const auto parent = getpid();
    const pid_t child = fork();
    if (child != 0)
        return child; // or -1

    // The child (async-signal-safe calls only until exec). It ends with the test process: a test
    // that aborts (a sanitizer's report, a crash) leaves no jackd behind holding one of the eight
    // server slots JACK has per machine, nor an Xvfb. (The signal follows the thread that started
    // it: the tests start their processes from the main thread.)
    prctl (PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit (127);
    if (outFd >= 0)
    {
        dup2 (outFd, STDOUT_FILENO);
        dup2 (outFd, STDERR_FILENO);
    }
    const int in = ::open ("/dev/null", O_RDONLY);
    if (in >= 0)
        dup2 (in, STDIN_FILENO);
    execvp (args[0], args.data());
    _exit (127);
}

bool BackgroundProcess::start (const std::vector<std::string>& argv, const std::string& logFile)
{
    stop();
    const int fd = ::open (logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    pid = spawn (argv, fd);
    if (fd >= 0)
        ::close (fd);
    return pid > 0;
}

bool BackgroundProcess::isRunning()
{
    if (pid <= 0)
        return false;

    int status = 0;
    if (waitpid (pid, &status, WNOHANG) == pid)
    {
        pid = -1;
        return false;
    }
    return true;
}

void BackgroundProcess::stop()
{
    if (pid <= 0)
        return;

    ::kill (pid, SIGTERM);

    for (int i = 0; i < 100; ++i)
    {
        int status = 0;
        if (waitpid (pid, &status, WNOHANG) == pid)
        {
            pid = -1;
            return;
        }
        std::this_thread::sleep_for (std::chrono::milliseconds (20));
    }

    ::kill (pid, SIGKILL);
    int status = 0;
    waitpid (pid, &status, 0);
    pid = -1;
}

void BackgroundProcess::kill (int signal)
{
    if (pid <= 0)
        return;
    ::kill (pid, signal);
    int status = 0;
    waitpid (pid, &status, 0);
    pid = -1;
}

int BackgroundProcess::run (const std::vector<std::string>& argv, std::string* output, double timeoutSeconds)
{
    char path[] = "/tmp/paddeck-run-XXXXXX";
    const int fd = mkstemp (path);
    if (fd < 0)
        return -1;

    const pid_t child = spawn (argv, fd);
    ::close (fd);

    int status = 0;
    int exitCode = -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double> (timeoutSeconds);

    while (child > 0)
    {
        if (waitpid (child, &status, WNOHANG) == child)
        {
            exitCode = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
            break;
        }
        if (std::chrono::steady_clock::now() > deadline)
        {
            ::kill (child, SIGKILL);
            waitpid (child, &status, 0);
            break;
        }
        std::this_thread::sleep_for (std::chrono::milliseconds (10));
    }

    if (output != nullptr)
    {
        output->clear();
        if (auto* f = std::fopen (path, "r"))
        {
            char buffer[4096];
            size_t n;
            while ((n = std::fread (buffer, 1, sizeof (buffer), f)) > 0)
                output->append (buffer, n);
            std::fclose (f);
        }
    }
    ::unlink (path);
    return exitCode;
}

} // namespace paddeck::test
