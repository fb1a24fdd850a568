#include "Support/BackgroundProcess.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace paddeck::test
{

static pid_t spawn (const std::vector<std::string>& argv, int outFd)
{
    std::vector<char*> args;
    for (auto& a : argv)
        args.push_back (const_cast<char*> (a.c_str()));
    args.push_back (nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_adddup2 (&actions, outFd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2 (&actions, outFd, STDERR_FILENO);
    posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

    pid_t child = -1;
    const auto rc = posix_spawnp (&child, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy (&actions);
    return rc == 0 ? child : -1;
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
