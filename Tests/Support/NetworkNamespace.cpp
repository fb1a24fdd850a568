#include "Support/NetworkNamespace.h"

#include "Support/BackgroundProcess.h"

#include <cstdlib>
#include <ifaddrs.h>
#include <net/if.h>
#include <unistd.h>

namespace paddeck::test
{

bool NetworkNamespace::isChild() { return std::getenv (childVariable) != nullptr; }

bool NetworkNamespace::hasOnlyLoopback (std::string& why)
{
    ifaddrs* interfaces = nullptr;
    if (getifaddrs (&interfaces) != 0)
    {
        why = "getifaddrs failed";
        return false;
    }
    bool onlyLoopback = true;
    for (auto* i = interfaces; i != nullptr; i = i->ifa_next)
        if ((i->ifa_flags & IFF_LOOPBACK) == 0)
        {
            onlyLoopback = false;
            why += std::string (why.empty() ? "" : ", ") + i->ifa_name + " is not a loopback interface";
        }
    freeifaddrs (interfaces);
    return onlyLoopback;
}

// What the namespace gets before anything runs in it: loopback up, multicast on, and the multicast
// range routed to it (Link's discovery group is 224.76.78.75).
static const char* const setUpLoopback =
    "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo";

bool NetworkNamespace::canCreate (std::string& why)
{
    std::string output;
    const auto code =
        BackgroundProcess::run ({ "unshare", "--net", "--", "sh", "-c", setUpLoopback }, &output, 30);
    if (code == 0)
        return true;
    why = "`unshare --net` with `" + std::string (setUpLoopback) + "` exited " + std::to_string (code) + ": "
          + output;
    return false;
}

int NetworkNamespace::runTwin (const std::string& gtestFilter, std::string& output, double timeoutSeconds)
{
    char self[4096] = {};
    const auto length = readlink ("/proc/self/exe", self, sizeof (self) - 1);
    if (length <= 0)
    {
        output = "cannot find this test binary";
        return -1;
    }
    const auto script = std::string (setUpLoopback) + " && exec env " + childVariable + "=1 '"
                        + std::string (self, (size_t) length) + "' --gtest_filter='" + gtestFilter + "'";
    return BackgroundProcess::run ({ "unshare", "--net", "--", "sh", "-c", script }, &output, timeoutSeconds);
}

} // namespace paddeck::test
