#include "Engine/SpscQueue.h"
#include "Engine/EngineCommand.h"
#include "Engine/SnapshotExchange.h"

#include <gtest/gtest.h>
#include <thread>

namespace paddeck
{

TEST (SpscQueue, KeepsOrderAndRefusesWhenFull)
{
    SpscQueue<int, 4> queue;
    for (int i = 0; i < 4; ++i)
        EXPECT_TRUE (queue.push (i));
    EXPECT_FALSE (queue.push (99));

    int v = -1;
    for (int i = 0; i < 4; ++i)
    {
        ASSERT_TRUE (queue.pop (v));
        EXPECT_EQ (v, i);
    }
    EXPECT_FALSE (queue.pop (v));
}

TEST (SpscQueue, CarriesEveryCommandAcrossThreadsInOrder)
{
    SpscQueue<EngineCommand, 64> queue;
    constexpr int count = 200000;

    std::thread producer (
        [&]
        {
            for (int i = 0; i < count; ++i)
                while (!queue.push (EngineCommand::press (i, 1.0f)))
                    std::this_thread::yield();
        });

    int expected = 0;
    EngineCommand c;
    while (expected < count)
    {
        if (queue.pop (c))
        {
            ASSERT_EQ (c.pad, expected++);
        }
    }

    producer.join();
}

struct CountedSnapshot
{
    explicit CountedSnapshot (int v, int& liveCount)
        : value (v)
        , live (liveCount)
    {
        ++live;
    }
    ~CountedSnapshot() { --live; }
    int value;
    int& live;
};

TEST (SnapshotExchange, AudioSideSeesTheNewestAndOldOnesAreFreedByTheMessageSide)
{
    int live = 0;
    {
        SnapshotExchange<CountedSnapshot> exchange;
        EXPECT_EQ (exchange.acquire(), nullptr);

        exchange.publish (std::make_unique<CountedSnapshot> (1, live));
        exchange.publish (std::make_unique<CountedSnapshot> (2, live)); // 1 was never taken: freed now
        EXPECT_EQ (live, 1);
        ASSERT_NE (exchange.acquire(), nullptr);
        EXPECT_EQ (exchange.get()->value, 2);

        exchange.publish (std::make_unique<CountedSnapshot> (3, live));
        EXPECT_EQ (exchange.acquire()->value, 3);
        EXPECT_EQ (live, 2); // 2 waits in the retired queue: the audio side never deletes
        exchange.collectGarbage();
        EXPECT_EQ (live, 1);
    }
    EXPECT_EQ (live, 0);
}

} // namespace paddeck
