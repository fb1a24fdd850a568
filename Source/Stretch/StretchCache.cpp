#include "Stretch/StretchCache.h"

#include "Model/AppFolders.h"

#include <juce_cryptography/juce_cryptography.h>

namespace paddeck
{

namespace
{
constexpr const char* audioSuffix = ".wav";
constexpr const char* keySuffix = ".key";
constexpr const char* partialSuffix = ".partial";
} // namespace

/** The partial file's stream, failing like a full disk once the test hook's budget is spent. */
class StretchCache::BudgetedStream : public juce::FileOutputStream
{
public:
    BudgetedStream (const juce::File& file, std::atomic<juce::int64>& b)
        : juce::FileOutputStream (file)
        , budget (b)
    {
    }

    bool write (const void* data, size_t numBytes) override
    {
        if (budget.load() >= 0 && budget.fetch_sub ((juce::int64) numBytes) < (juce::int64) numBytes)
        {
            budget.store (0);
            return false;
        }
        return juce::FileOutputStream::write (data, numBytes);
    }

private:
    std::atomic<juce::int64>& budget;
};

StretchCache::StretchCache (const juce::File& f, juce::int64 limit)
    : folder (f)
    , maxBytes (limit)
{
    removeStrays();
}

juce::File StretchCache::defaultFolder() { return AppFolders::userCache().getChildFile ("stretch"); }

juce::String StretchCache::idOf (const juce::String& key) { return juce::MD5 (key.toUTF8()).toHexString(); }

void StretchCache::setMaxBytes (juce::int64 bytes)
{
    const std::lock_guard<std::mutex> guard (lock);
    maxBytes = bytes;
    evictLocked();
}

juce::int64 StretchCache::getMaxBytes() const
{
    const std::lock_guard<std::mutex> guard (lock);
    return maxBytes;
}

std::vector<StretchCache::Entry> StretchCache::listEntries() const
{
    std::vector<Entry> entries;
    for (const auto& keyFile :
         folder.findChildFiles (juce::File::findFiles, false, juce::String ("*") + keySuffix))
    {
        Entry e;
        e.id = keyFile.getFileNameWithoutExtension();
        e.lastUsed = keyFile.getLastModificationTime();
        e.bytes = keyFile.getSize() + folder.getChildFile (e.id + audioSuffix).getSize();
        entries.push_back (e);
    }
    return entries;
}

juce::int64 StretchCache::getTotalBytes() const
{
    const std::lock_guard<std::mutex> guard (lock);
    juce::int64 total = 0;
    for (const auto& e : listEntries())
        total += e.bytes;
    return total;
}

int StretchCache::getNumEntries() const
{
    const std::lock_guard<std::mutex> guard (lock);
    return (int) listEntries().size();
}

void StretchCache::removeStrays()
{
    // A partial file is what a run that ended mid-write left; audio without its key was never
    // committed. Neither is ever found, so neither is kept.
    const std::lock_guard<std::mutex> guard (lock);
    for (const auto& file : folder.findChildFiles (juce::File::findFiles, false))
    {
        const auto name = file.getFileName();
        if (name.contains (partialSuffix)
            || (name.endsWith (audioSuffix)
                && !folder.getChildFile (file.getFileNameWithoutExtension() + keySuffix).existsAsFile()))
            file.deleteFile();
    }
}

juce::File StretchCache::find (const juce::String& key)
{
    const std::lock_guard<std::mutex> guard (lock);
    const auto id = idOf (key);
    const auto keyFile = folder.getChildFile (id + keySuffix);
    const auto audio = folder.getChildFile (id + audioSuffix);
    if (!keyFile.existsAsFile() || !audio.existsAsFile() || keyFile.loadFileAsString() != key)
        return {};
    keyFile.setLastModificationTime (juce::Time::getCurrentTime()); // the LRU stamp
    return audio;
}

std::unique_ptr<StretchCache::Writer> StretchCache::startWriting (const juce::String& key, double sampleRate,
                                                                  juce::String& error)
{
    const auto id = idOf (key);
    {
        const std::lock_guard<std::mutex> guard (lock);
        if (!folder.isDirectory() && !folder.createDirectory())
        {
            error = "the stretch cache folder " + folder.getFullPathName() + " can't be created";
            return nullptr;
        }
    }

    // Each writer has a partial file of its own: two jobs of one key never share one.
    const auto partial = folder.getNonexistentChildFile (id + partialSuffix, audioSuffix, false);
    std::unique_ptr<Writer> w (new Writer (*this, key, partial, folder.getChildFile (id + audioSuffix),
                                           folder.getChildFile (id + keySuffix)));

    auto stream = std::make_unique<BudgetedStream> (partial, writeBudget);
    if (stream->failedToOpen())
    {
        error = "the stretch cache folder " + folder.getFullPathName() + " isn't writable";
        return nullptr;
    }
    juce::WavAudioFormat wav;
    w->writer.reset (wav.createWriterFor (stream.get(), sampleRate, 2, 24, {}, 0));
    if (w->writer == nullptr)
    {
        error = "a WAV file can't be written in " + folder.getFullPathName();
        return nullptr;
    }
    stream.release(); // the writer owns it now
    return w;
}

StretchCache::Writer::Writer (StretchCache& c, juce::String k, juce::File p, juce::File a, juce::File kf)
    : cache (c)
    , key (std::move (k))
    , partial (std::move (p))
    , audio (std::move (a))
    , keyFile (std::move (kf))
{
}

StretchCache::Writer::~Writer()
{
    writer.reset();
    if (!committed)
        partial.deleteFile();
}

bool StretchCache::Writer::write (const float* left, const float* right, int numFrames)
{
    if (writer == nullptr || error.isNotEmpty())
        return false;
    const float* channels[] = { left, right };
    if (!writer->writeFromFloatArrays (channels, 2, numFrames))
    {
        error = "the disk is full or failing (writing " + partial.getFileName() + ")";
        return false;
    }
    framesWritten += numFrames;
    return true;
}

juce::Result StretchCache::Writer::commit()
{
    if (writer == nullptr || error.isNotEmpty())
        return juce::Result::fail (error.isNotEmpty() ? error : juce::String ("nothing was written"));
    writer.reset(); // writes the header and closes the file

    // What is on disk must read back whole: a header or a flush that failed is found here.
    std::unique_ptr<juce::AudioFormatReader> check (
        juce::WavAudioFormat().createReaderFor (partial.createInputStream().release(), true));
    if (check == nullptr || check->lengthInSamples != framesWritten)
    {
        error = "the disk is full or failing (" + partial.getFileName() + " did not read back)";
        return juce::Result::fail (error);
    }

    const std::lock_guard<std::mutex> guard (cache.lock);
    const auto temporaryKey =
        keyFile.withFileExtension (juce::String (partialSuffix).substring (1) + keySuffix);
    if (!partial.moveFileTo (audio) || !temporaryKey.replaceWithText (key)
        || !temporaryKey.moveFileTo (keyFile))
    {
        audio.deleteFile();
        temporaryKey.deleteFile();
        error = "the stretch cache folder " + cache.folder.getFullPathName() + " isn't writable";
        return juce::Result::fail (error);
    }
    committed = true;
    cache.evictLocked();
    return juce::Result::ok();
}

void StretchCache::pin (const juce::String& key)
{
    const std::lock_guard<std::mutex> guard (lock);
    ++pinned[idOf (key)];
}

void StretchCache::unpin (const juce::String& key)
{
    const std::lock_guard<std::mutex> guard (lock);
    if (auto it = pinned.find (idOf (key)); it != pinned.end() && --it->second <= 0)
        pinned.erase (it);
}

int StretchCache::evict()
{
    const std::lock_guard<std::mutex> guard (lock);
    return evictLocked();
}

int StretchCache::clear()
{
    const std::lock_guard<std::mutex> guard (lock);
    return removeLeastRecentlyUsed (0);
}

int StretchCache::removeLeastRecentlyUsed (juce::int64 downTo)
{
    auto entries = listEntries();
    juce::int64 total = 0;
    for (const auto& e : entries)
        total += e.bytes;

    std::sort (entries.begin(), entries.end(),
               [] (const Entry& a, const Entry& b) { return a.lastUsed < b.lastUsed; });
    int removed = 0;
    for (const auto& e : entries)
    {
        if (total <= downTo)
            break;
        if (pinned.count (e.id) > 0)
            continue;
        // The key goes first: an entry without its key is never found, whatever happens next.
        folder.getChildFile (e.id + keySuffix).deleteFile();
        folder.getChildFile (e.id + audioSuffix).deleteFile();
        total -= e.bytes;
        ++removed;
    }
    return removed;
}

} // namespace paddeck
