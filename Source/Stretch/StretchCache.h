#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

#include <atomic>
#include <map>
#include <mutex>

namespace paddeck
{

/** Rendered stretches on disk, so a pad's render is made once and survives restarts: a 24-bit
    WAV per render, named by a hash of its key (the source's content hash and everything the
    render depends on), with the key beside it in a small text file whose modification time says
    when the render was last used.

    Bounded: past its size limit the least recently used renders are removed first, never one that
    a pad plays (pinned). A folder that cannot be created or written, or a disk that fills up,
    fails the write with a message; nothing half-written is ever found.

    [any thread]: every function locks a mutex (never the audio thread's business). */
class StretchCache
{
public:
    static constexpr juce::int64 defaultMaxBytes = (juce::int64) 4 << 30;

    explicit StretchCache (const juce::File& folder, juce::int64 maxBytes = defaultMaxBytes);

    /** $XDG_CACHE_HOME/PadDeck/stretch (~/.cache/PadDeck/stretch by default). */
    static juce::File defaultFolder();

    const juce::File& getFolder() const noexcept { return folder; }
    /** A new limit, applied at once: the least recently used renders no pad holds are removed
        until the cache fits it. */
    void setMaxBytes (juce::int64 bytes);
    juce::int64 getMaxBytes() const;
    /** Bytes the cache's renders take on disk now. */
    juce::int64 getTotalBytes() const;
    int getNumEntries() const;

    /** The render's audio for this key, marked as just used; File() when there is none. */
    juce::File find (const juce::String& key);

    /** Writes one render. Frames go to a partial file; commit() makes it an entry. Destroyed
        without a commit, it leaves nothing behind. */
    class Writer
    {
    public:
        ~Writer();
        bool write (const float* left, const float* right, int numFrames);
        /** Finishes the file, checks it and makes it the key's entry; fails with a message. */
        juce::Result commit();
        const juce::String& getError() const noexcept { return error; }

    private:
        friend class StretchCache;
        Writer (StretchCache& cache, juce::String key, juce::File partial, juce::File audio,
                juce::File keyFile);

        StretchCache& cache;
        const juce::String key;
        const juce::File partial, audio, keyFile;
        std::unique_ptr<juce::AudioFormatWriter> writer;
        juce::int64 framesWritten = 0;
        juce::String error;
        bool committed = false;
    };

    /** A writer for the key's render at this rate, or null with the reason (the folder can't be
        made or written). */
    std::unique_ptr<Writer> startWriting (const juce::String& key, double sampleRate, juce::String& error);

    /** A render a pad plays is pinned: never removed while pinned (counted). */
    void pin (const juce::String& key);
    void unpin (const juce::String& key);

    /** Removes least recently used renders until the cache fits its limit; returns how many. */
    int evict();
    /** Removes every render no pad holds (pinned ones stay); returns how many went. */
    int clear();

    /** Test hook for a full disk: after this many more bytes, writes fail as if the disk were full
        (negative: no limit). */
    void setWriteLimitForTesting (juce::int64 bytes) { writeBudget.store (bytes); }

    static juce::String idOf (const juce::String& key);

private:
    class BudgetedStream;
    struct Entry
    {
        juce::String id;
        juce::Time lastUsed;
        juce::int64 bytes = 0;
    };

    std::vector<Entry> listEntries() const;
    int evictLocked() { return removeLeastRecentlyUsed (maxBytes); }
    int removeLeastRecentlyUsed (juce::int64 downTo);
    void removeStrays();

    const juce::File folder;
    mutable std::mutex lock;
    juce::int64 maxBytes;
    std::map<juce::String, int> pinned; // id → count
    std::atomic<juce::int64> writeBudget{ -1 };
};

} // namespace paddeck
