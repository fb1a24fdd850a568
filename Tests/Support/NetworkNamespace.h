#pragma once

#include <string>

namespace paddeck::test
{

/** Tests that enable Ableton Link run in a network namespace of their own, with only the loopback
    interface (up, multicast on, 224.0.0.0/4 routed to it): Link's discovery never reaches a real
    interface. A test in the normal run re-executes this test binary for its namespaced twin under
    `unshare --net`; the twin runs only there. */
namespace NetworkNamespace
{
/** Set in the namespaced child: the twin tests run only when it is. */
constexpr const char* childVariable = "PADDECK_IN_TEST_NETNS";

bool isChild();

/** True when every network interface this process sees is a loopback one; else why not. */
bool hasOnlyLoopback (std::string& why);

/** Whether a namespace can be made here (unshare, ip, the right to use them); else why not. */
bool canCreate (std::string& why);

/** Runs this test binary with `gtestFilter` inside a fresh namespace; its exit code and output. */
int runTwin (const std::string& gtestFilter, std::string& output, double timeoutSeconds = 240);
} // namespace NetworkNamespace

} // namespace paddeck::test

/** Declares the test that runs `Suite.Name` in a fresh network namespace (see NetworkNamespace),
    skipping when no namespace can be made and failing when the twin fails or did not run. */
#define PADDECK_NETNS_TEST(Suite, Name)                                                                      \
    TEST (Suite, Name)                                                                                       \
    {                                                                                                        \
        using namespace paddeck::test;                                                                       \
        if (NetworkNamespace::isChild())                                                                     \
            GTEST_SKIP() << "the namespaced child runs " #Suite "InNamespace." #Name " only";                \
        std::string why;                                                                                     \
        if (!NetworkNamespace::canCreate (why))                                                              \
            GTEST_SKIP() << "no network namespace can be made here, and Link never runs on the real "        \
                            "interfaces: "                                                                   \
                         << why;                                                                             \
        std::string output;                                                                                  \
        const auto code = NetworkNamespace::runTwin (#Suite "InNamespace." #Name, output);                   \
        EXPECT_EQ (code, 0) << output;                                                                       \
        EXPECT_NE (output.find ("[       OK ] " #Suite "InNamespace." #Name), std::string::npos) << output;  \
        std::cout << output.substr (0, 4000) << std::endl;                                                   \
    }                                                                                                        \
    TEST (Suite##InNamespace, Name)
