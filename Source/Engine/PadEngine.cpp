#include "Engine/PadEngine.h"

namespace paddeck
{

static constexpr int maxEventsPerBlock = 2048;

PadEngine::PadEngine (SnapshotExchange<EngineSnapshot>& s, CommandQueue& c, ControlQueue& q, EngineMeters& m,
                      StreamingThread& t, KeyLockPool& k, int numVoices, VoiceMixer::Threads threads)
    : HeadlessProcessor (BusesProperties().withOutput ("Output", juce::AudioChannelSet::stereo(), true))
    , snapshots (s)
    , commands (c)
    , controls (q)
    , meters (m)
    , streaming (t)
    , keyLock (k)
    , voiceCount (juce::jmax (1, numVoices))
    , voiceThreads (threads)
{
}

PadEngine::~PadEngine()
{
    mixer.stopWorkers();
    stopKeyLockWorkers();
}

void PadEngine::stopKeyLockWorkers()
{
    for (auto& v : voices)
        v->stopNow();

    for (auto& v : voices)
        for (int tries = 0; v->getKeyLock() != nullptr && tries < 2000; ++tries)
        {
            v->pollDrain();
            if (v->getKeyLock() != nullptr)
                juce::Thread::sleep (1);
        }
}

void PadEngine::prepareToPlay (double newSampleRate, int maxBlockSize)
{
    sampleRate = newSampleRate;
    mixer.stopWorkers(); // no voice worker renders while voices stop and go
    stopKeyLockWorkers();
    voices.clear();
    mixer.releaseVoices(); // before the KeyLock pool is rebuilt: no worker may still read a voice's source
    auto keyLockSettings = keyLock.getSettings();
    keyLockSettings.sampleRate = sampleRate;
    keyLockSettings.maxBlockFrames = maxBlockSize;
    keyLock.prepare (keyLockSettings);

    mixer.prepare (sampleRate, maxBlockSize, voiceCount + fadeReserve, streaming, voiceThreads);
    for (int i = 0; i < mixer.getNumVoices(); ++i)
        voices.push_back (&mixer.getVoice (i));
    events.clear();
    events.reserve (maxEventsPerBlock);
    // Hits made while no device played (one lost and found again) are not played late, all at once.
    EngineCommand stale;
    while (commands.pop (stale))
    {
    }

    // A new device or rate restarts the timeline; the tempo carries on.
    clock.reset (sampleRate);
    blockStart = 0;
    launches.clear();
    for (auto& q : meters.padQueued)
        q.store (0, std::memory_order_relaxed);
    metronome.prepare (sampleRate);
    previewHeld = false; // a held preview button is not held across a device change
}

void PadEngine::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) PADDECK_NONBLOCKING
{
    juce::ScopedNoDenormals noDenormals;
    const auto startTicks = juce::Time::getHighResolutionTicks();
    const int numFrames = buffer.getNumSamples();
    buffer.clear();

    // A late voice worker still reads the snapshot it was given: keep that one until it is done.
    mixer.beginBlock();
    const auto* snapshot = mixer.isHoldingBanks() ? snapshots.get() : snapshots.acquire();

    if (buffer.getNumChannels() < 2)
        return;

    auto* left = buffer.getWritePointer (0);
    auto* right = buffer.getWritePointer (1);
    // Channels 2/3, when the device has them, are the cue mix; without them (a 2-output device,
    // an offline render) nothing is mixed for the cue and previews are not played.
    cueLive = buffer.getNumChannels() >= 4;
    const VoiceBank::Mix mix{ left, right, cueLive ? buffer.getWritePointer (2) : nullptr,
                              cueLive ? buffer.getWritePointer (3) : nullptr };
    meters.cueLive.store (cueLive, std::memory_order_relaxed);

    followTempo (snapshot);
    followExternalClock (numFrames);
    meters.beat.store (clock.beatAt (blockStart), std::memory_order_relaxed);
    gatherEvents (midi, numFrames, snapshot);
    lendKeyLockVoices();

    // Every event and due launch first, in sample order: a hit at offset k starts its voice on
    // frame k exactly (a quantized one on the first frame of its grid step), a release starts its
    // fade there. Then each voice renders the block once.
    const auto blockEnd = blockStart + numFrames;
    size_t next = 0;
    while (true)
    {
        const bool launchDue = launches.size() > 0 && launches[0].sample < blockEnd;
        const int launchOffset = launchDue
                                     ? (int) juce::jmax ((std::int64_t) 0, launches[0].sample - blockStart)
                                     : std::numeric_limits<int>::max();
        const int eventOffset = next < events.size() ? events[next].offset : std::numeric_limits<int>::max();
        const int offset = juce::jmin (launchOffset, eventOffset);
        if (offset == std::numeric_limits<int>::max())
            break;

        now = blockStart + offset;
        if (eventOffset <= launchOffset)
        {
            const auto& event = events[next++];
            apply (event.command, event.offset, snapshot);
        }
        else
        {
            LaunchQueue::Launch launch;
            launches.popDue (blockEnd, launch);
            fire (launch, snapshot);
        }
    }
    now = blockStart;

    const auto period =
        (double) numFrames / sampleRate * (double) juce::Time::getHighResolutionTicksPerSecond();
    mixer.render (snapshot, clock, blockStart, mix, numFrames,
                  startTicks + (juce::int64) (mixer.getJoinDeadline() * period));

    clickMetronome (numFrames);
    // The click goes to the cue when asked and there is one; else to the master, as before.
    if (cueLive && snapshot != nullptr && snapshot->metronomeToCue)
        metronome.render (mix.cueLeft, mix.cueRight, numFrames, metronomeGain);
    else
        metronome.render (left, right, numFrames, metronomeGain);

    blockStart = blockEnd;
    publishMeters();
}

void PadEngine::followTempo (const EngineSnapshot* snapshot) noexcept
{
    if (snapshot == nullptr)
        return;
    // Tempo changes land on a block's first frame; the beat stays continuous there.
    clock.setBeatsPerBar (snapshot->beatsPerBar);
    clock.setTempo (snapshot->tempoBpm * (1.0 + nudgeAmount * nudgeDirection), blockStart);
    metronomeOn = snapshot->metronome;
}

void PadEngine::followExternalClock (int numFrames) noexcept
{
    // Link or MIDI clock in lead the clock from the block's first frame: their tempo, and their
    // phase where this block is heard. Hits waiting for a beat keep their beat, not their sample.
    auto* outside = externalClock.load (std::memory_order_acquire);
    if (outside == nullptr)
        return;

    const ExternalClock::Block block{ blockStart, numFrames, clock.getSampleRate() };
    if (ExternalClock::Target target; outside->follow (block, clock, target))
    {
        clock.follow (target.bpm, target.beat, target.quantum, blockStart);
        launches.retime (clock);
    }
    outside->clockSettled (block, clock);
}

void PadEngine::clickMetronome (int numFrames) noexcept
{
    if (!metronomeOn)
        return;
    const auto beat = clock.nextBoundaryBeat (blockStart, 1.0);
    const auto at = clock.sampleOf (beat);
    if (at < blockStart + numFrames)
    {
        const auto whole = (std::int64_t) std::llround (beat);
        metronome.trigger ((int) (at - blockStart), whole % clock.getBeatsPerBar() == 0);
    }
}

void PadEngine::gatherEvents (juce::MidiBuffer& midi, int numFrames, const EngineSnapshot* snapshot) noexcept
{
    events.clear();

    if (snapshot != nullptr)
    {
        if (snapshot->engineBankChangesSeen == bankChanges)
            bank = snapshot->currentBank;

        for (const auto metadata : midi)
        {
            if (events.size() >= (size_t) maxEventsPerBlock)
                break;
            const auto message = metadata.getMessage();
            mapMidi (message, juce::jlimit (0, juce::jmax (0, numFrames - 1), metadata.samplePosition),
                     *snapshot);
            forward (message);
        }
    }

    EngineCommand command;
    while (events.size() < (size_t) maxEventsPerBlock && commands.pop (command))
        events.push_back ({ juce::jlimit (0, juce::jmax (0, numFrames - 1), command.offset), command });

    // Insertion sort: stable, allocation-free, and the list is short and nearly sorted.
    for (size_t i = 1; i < events.size(); ++i)
        for (size_t j = i; j > 0 && events[j - 1].offset > events[j].offset; --j)
            std::swap (events[j - 1], events[j]);
}

void PadEngine::mapMidi (const juce::MidiMessage& message, int offset,
                         const EngineSnapshot& snapshot) noexcept
{
    if (message.isAllNotesOff() || message.isAllSoundOff())
    {
        events.push_back ({ offset, EngineCommand::stopEverything() });
        return;
    }

    using Kind = MidiTriggerMap::Action::Kind;
    const int channel = message.getChannel();
    bool pressed = false;
    const MidiTriggerMap::Action* action = nullptr;
    float velocity = 1.0f;

    if (message.isNoteOnOrOff())
    {
        action = &snapshot.midi.forNote (channel, message.getNoteNumber());
        pressed = message.isNoteOn();
        velocity = message.getFloatVelocity();
    }
    else if (message.isController())
    {
        // A button sending CCs: any value above 0 is a press, 0 its release.
        action = &snapshot.midi.forController (channel, message.getControllerNumber());
        pressed = message.getControllerValue() > 0;
        velocity = (float) message.getControllerValue() / 127.0f;
    }

    if (action == nullptr || action->kind == Kind::none)
        return;

    switch (action->kind)
    {
        case Kind::pad:
            if (action->value < snapshot.padsPerBank)
            {
                const int pad = bank * snapshot.padsPerBank + action->value;
                if (previewHeld)
                    events.push_back ({ offset, pressed ? EngineCommand::preview (pad, velocity)
                                                        : EngineCommand::releasePreview (pad) });
                else
                    events.push_back ({ offset, pressed ? EngineCommand::press (pad, velocity, offset)
                                                        : EngineCommand::release (pad, offset) });
            }
            break;
        case Kind::stopAll:
            if (pressed)
                events.push_back ({ offset, EngineCommand::stopEverything() });
            break;
        case Kind::bankNext:
            if (pressed)
                changeBank (bank + 1, snapshot);
            break;
        case Kind::bankPrevious:
            if (pressed)
                changeBank (bank - 1, snapshot);
            break;
        case Kind::bankSelect:
            if (pressed)
                changeBank (action->value, snapshot);
            break;
        case Kind::none:
            break;
    }
}

void PadEngine::changeBank (int newBank, const EngineSnapshot& snapshot) noexcept
{
    newBank = juce::jlimit (0, juce::jmax (0, snapshot.numBanks() - 1), newBank);
    if (newBank == bank)
        return;

    // Later hits in this block already play the new bank; the model follows via the message thread.
    bank = newBank;
    ControlEvent event;
    event.type = ControlEvent::Type::bankChanged;
    event.bank = bank;
    event.bankSerial = ++bankChanges;
    if (!controls.push (event))
        meters.controlEventsDropped.fetch_add (1, std::memory_order_relaxed);
}

void PadEngine::forward (const juce::MidiMessage& message) noexcept
{
    const auto size = message.getRawDataSize();
    if (size < 1 || size > 3 || message.isSysEx())
        return;

    ControlEvent event;
    event.size = (juce::uint8) size;
    std::memcpy (event.bytes, message.getRawData(), (size_t) size);
    if (!controls.push (event))
        meters.controlEventsDropped.fetch_add (1, std::memory_order_relaxed);
}

void PadEngine::apply (const EngineCommand& command, int offset, const EngineSnapshot* snapshot) noexcept
{
    switch (command.type)
    {
        case EngineCommand::Type::padPress:
            hit (command.pad, command.value, offset, snapshot);
            break;
        case EngineCommand::Type::padRelease:
            if (const auto* pad = snapshot != nullptr ? snapshot->pad (command.pad) : nullptr)
                if (pad->settings.isGate())
                {
                    // A gate let go before its beat came never sounds.
                    if (launches.cancel (command.pad))
                        meters.padQueued[(size_t) command.pad].store (0, std::memory_order_relaxed);
                    releasePad (command.pad);
                }
            break;
        case EngineCommand::Type::stopPad:
            releasePad (command.pad);
            releasePad (command.pad, true);
            break;
        case EngineCommand::Type::previewPress:
            preview (command.pad, command.value, offset, snapshot);
            break;
        case EngineCommand::Type::previewHold:
            previewHeld = command.value > 0.5f;
            break;
        case EngineCommand::Type::previewRelease:
            if (const auto* pad = snapshot != nullptr ? snapshot->pad (command.pad) : nullptr)
                if (pad->settings.isGate())
                    releasePad (command.pad, true);
            break;
        case EngineCommand::Type::stopAll:
            for (auto& v : voices)
                v->release (now);
            for (int i = 0; i < launches.size(); ++i)
                if (juce::isPositiveAndBelow (launches[i].pad, EngineMeters::maxPads))
                    meters.padQueued[(size_t) launches[i].pad].store (0, std::memory_order_relaxed);
            launches.clear();
            break;
        case EngineCommand::Type::nudge:
            nudgeDirection = juce::roundToInt (command.value);
            clock.setTempo ((snapshot != nullptr ? snapshot->tempoBpm : clock.getBpm())
                                * (1.0 + nudgeAmount * nudgeDirection),
                            blockStart + offset);
            break;
    }
}

void PadEngine::hit (int padIndex, float velocity, int offset, const EngineSnapshot* snapshot) noexcept
{
    const auto* pad = snapshot != nullptr ? snapshot->pad (padIndex) : nullptr;
    if (pad == nullptr || pad->sample == nullptr)
        return;

    const auto now = blockStart + offset;
    if (pad->quantizeBeats <= 0.0)
    {
        press (padIndex, velocity, clock.beatAt (now), offset, snapshot);
        return;
    }

    auto& queued = meters.padQueued[(size_t) juce::jlimit (0, EngineMeters::maxPads - 1, padIndex)];

    // A second hit on a pad that waits takes its launch (or its stop) back.
    if (launches.cancel (padIndex))
    {
        queued.store (0, std::memory_order_relaxed);
        return;
    }

    const bool stops = pad->settings.stopsOnHit() && isPadSounding (padIndex);
    if (stops && !pad->quantizeStop)
    {
        releasePad (padIndex);
        return;
    }

    const auto beat = clock.nextBoundaryBeat (now, pad->quantizeBeats);
    const auto at = clock.sampleOf (beat);
    if (at <= now)
    {
        press (padIndex, velocity, beat, offset, snapshot);
        return;
    }

    if (!launches.add ({ at, beat, padIndex, velocity, stops }))
    {
        meters.launchesDropped.fetch_add (1, std::memory_order_relaxed);
        return;
    }
    queued.store (stops ? 2 : 1, std::memory_order_relaxed);
}

void PadEngine::fire (const LaunchQueue::Launch& launch, const EngineSnapshot* snapshot) noexcept
{
    if (juce::isPositiveAndBelow (launch.pad, EngineMeters::maxPads))
        meters.padQueued[(size_t) launch.pad].store (0, std::memory_order_relaxed);

    if (launch.stop)
    {
        releasePad (launch.pad);
        return;
    }
    const auto offset = (int) juce::jmax ((std::int64_t) 0, launch.sample - blockStart);
    press (launch.pad, launch.velocity, launch.beat, offset, snapshot);
}

const Voice* PadEngine::findVoice (int pad) const noexcept
{
    for (auto& v : voices)
        if (v->isActive() && !v->isReleasing() && v->getPad() == pad)
            return v;
    return nullptr;
}

bool PadEngine::isPadSounding (int pad, bool previews) const noexcept
{
    for (auto& v : voices)
        if (v->isActive() && !v->isReleasing() && v->getPad() == pad && v->isPreview() == previews)
            return true;
    return false;
}

void PadEngine::preview (int padIndex, float velocity, int offset, const EngineSnapshot* snapshot) noexcept
{
    // Never in the master: with no cue bus there is nowhere to hear it.
    const auto* pad = snapshot != nullptr ? snapshot->pad (padIndex) : nullptr;
    if (!cueLive || pad == nullptr || pad->sample == nullptr)
        return;

    // Like a hit, but on the pad's previews only, at once (a preview is heard before it is played
    // in time), and choking nothing: what the audience hears is left alone.
    if (pad->settings.stopsOnHit() && isPadSounding (padIndex, true))
    {
        releasePad (padIndex, true);
        return;
    }
    if (pad->settings.playMode != PlayMode::oneShot)
        releasePad (padIndex, true);

    const auto at = blockStart + offset;
    if (auto* v = startVoice (padIndex, *pad, pad->settings.velocitySensitive ? velocity : 1.0f,
                              { &clock, at, clock.beatAt (at) }))
        v->setPreview (true);
}

void PadEngine::press (int padIndex, float velocity, double launchBeat, int offset,
                       const EngineSnapshot* snapshot) noexcept
{
    const auto* pad = snapshot != nullptr ? snapshot->pad (padIndex) : nullptr;
    if (pad == nullptr || pad->sample == nullptr)
        return;

    switch (pad->settings.playMode)
    {
        case PlayMode::loop:
        case PlayMode::toggle:
            if (isPadSounding (padIndex))
            {
                releasePad (padIndex);
                return;
            }
            break;
        case PlayMode::retrigger:
        case PlayMode::gate:
        case PlayMode::gateLoop:
            releasePad (padIndex);
            break;
        case PlayMode::oneShot:
            break;
    }

    if (pad->settings.chokeGroup > 0)
        for (auto& v : voices)
            if (v->isActive() && v->getPad() != padIndex && !v->isPreview()) // the cue's previews play on
                if (const auto* other = snapshot->pad (v->getPad()))
                    if (other->settings.chokeGroup == pad->settings.chokeGroup)
                        v->release (now);

    startVoice (padIndex, *pad, pad->settings.velocitySensitive ? velocity : 1.0f,
                { &clock, blockStart + offset, launchBeat });
}

void PadEngine::releasePad (int pad, bool previews) noexcept
{
    for (auto& v : voices)
        if (v->isActive() && v->getPad() == pad && v->isPreview() == previews)
            v->release (now);
}

Voice* PadEngine::findVoiceToUse() noexcept
{
    int sounding = 0;
    Voice* freeVoice = nullptr;

    for (auto& v : voices)
    {
        if (v->isFree())
            freeVoice = freeVoice != nullptr ? freeVoice : v;
        else if (v->isActive() && !v->isReleasing())
            ++sounding;
    }

    if (sounding >= voiceCount || freeVoice == nullptr)
    {
        // Steal: the quietest, oldest first, fades out; a reserve voice takes the new hit.
        Voice* victim = nullptr;
        float victimScore = std::numeric_limits<float>::max();
        for (auto& v : voices)
            if (v->isActive() && !v->isReleasing() && !v->isHeld()) // a held voice's peak is its worker's
            {
                const float score = v->getLastPeak() * 4.0f + (float) v->getOrder() * 1.0e-12f;
                if (score < victimScore)
                    victimScore = score, victim = v;
            }

        if (victim != nullptr)
        {
            victim->release (now);
            meters.voicesStolen.fetch_add (1, std::memory_order_relaxed);
        }
    }

    return freeVoice; // null only if the whole reserve is still fading: the hit is dropped, and counted
}

KeyLockVoice* PadEngine::findFreeKeyLockVoice() const noexcept
{
    for (int i = 0; i < keyLock.getNumVoices(); ++i)
    {
        auto* candidate = &keyLock.getVoice (i);
        if (!candidate->isIdle())
            continue;
        const bool taken = std::any_of (voices.begin(), voices.end(),
                                        [candidate] (const auto& v) { return v->getKeyLock() == candidate; });
        if (!taken)
            return candidate;
    }
    return nullptr;
}

Voice* PadEngine::startVoice (int pad, const PadSnapshot& snapshot, float velocity,
                              Voice::Timing timing) noexcept
{
    auto* v = findVoiceToUse();
    if (v == nullptr)
    {
        meters.hitsDropped.fetch_add (1, std::memory_order_relaxed);
        return nullptr;
    }

    KeyLockVoice* keyLockVoice = nullptr;
    if (Voice::needsRealtimeStretch (snapshot, timing))
    {
        keyLockVoice = findFreeKeyLockVoice();
        if (keyLockVoice == nullptr) // every KeyLock voice is busy: play it varispeed rather than not at all
            meters.keyLockFallbacks.fetch_add (1, std::memory_order_relaxed);
    }
    v->start (pad, snapshot, velocity, nextOrder++, keyLockVoice, timing);
    return v;
}

void PadEngine::lendKeyLockVoices() noexcept
{
    // A voice on its rendered stretch whose pitch or tempo moved off it asked for a realtime one
    // in its last block; it gets it (or null, none free) before it renders again.
    for (auto& v : voices)
        if (v->wantsKeyLock() && !v->isHeld()) // a held voice is still a late worker's
            v->giveKeyLock (findFreeKeyLockVoice());
}

void PadEngine::publishMeters() noexcept
{
    std::array<int, EngineMeters::maxPads> counts{};
    int active = 0;

    for (auto& v : voices)
    {
        if (!v->isActive())
            continue;
        ++active;
        const int pad = v->getPad();
        if (!juce::isPositiveAndBelow (pad, EngineMeters::maxPads))
            continue;
        ++counts[(size_t) pad];
        if (v->isHeld())
            continue; // its peak and playhead are its late worker's until it hands them back
        EngineMeters::raisePeak (meters.padPeak[(size_t) pad], v->getLastPeak());
        meters.padPlayhead[(size_t) pad].store (v->getPlayheadFraction(), std::memory_order_relaxed);
    }

    for (size_t p = 0; p < counts.size(); ++p)
    {
        meters.padVoices[p].store (counts[p], std::memory_order_relaxed);
        if (counts[p] == 0)
            meters.padPlayhead[p].store (-1.0f, std::memory_order_relaxed);
    }

    meters.activeVoices.store (active, std::memory_order_relaxed);
    meters.bpm.store (clock.getBpm(), std::memory_order_relaxed);
    meters.beatsPerBar.store (clock.getBeatsPerBar(), std::memory_order_relaxed);
    meters.blockStartSample.store (blockStart, std::memory_order_relaxed);
}

} // namespace paddeck
