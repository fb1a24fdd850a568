#include "Control/PadDrop.h"

#include "Streaming/AudioFileOpener.h"

namespace paddeck
{

PadDrop::Files PadDrop::expand (const juce::StringArray& paths)
{
    juce::Array<juce::File> all;
    for (const auto& path : paths)
    {
        const juce::File f (path);
        if (f.isDirectory())
            all.addArray (f.findChildFiles (juce::File::findFiles, false));
        else
            all.add (f);
    }

    struct ByName
    {
        static int compareElements (const juce::File& a, const juce::File& b)
        {
            return a.getFileName().compareNatural (b.getFileName());
        }
    } byName;
    all.sort (byName);

    Files files;
    for (const auto& f : all)
    {
        if (AudioFileOpener::formats().findFormatForFileExtension (f.getFileExtension()) != nullptr)
            files.audio.add (f);
        else
            files.notAudio.add (f.getFileName());
    }
    return files;
}

bool PadDrop::Plan::fills (int index) const
{
    for (const auto& load : loads)
        if (load.first == index)
            return true;
    return false;
}

PadDrop::Plan PadDrop::plan (const Session& session, int bank, int padInBank, const Files& files)
{
    Plan plan;
    plan.notAudio = files.notAudio;
    const int perBank = session.getPadsPerBank();
    if (!juce::isPositiveAndBelow (padInBank, perBank)
        || !juce::isPositiveAndBelow (bank, session.getNumBanks()))
    {
        plan.missed = !files.audio.isEmpty();
        return plan;
    }

    const auto isLoaded = [&] (int index) { return session.getPadSettings (index).file.isNotEmpty(); };
    const int first = session.globalIndex (bank, padInBank);
    if (files.audio.size() == 1)
    {
        plan.loads.add ({ first, files.audio.getFirst() });
        plan.replaces = isLoaded (first);
        return plan;
    }

    int pad = padInBank;
    for (const auto& file : files.audio)
    {
        for (; pad < perBank && isLoaded (session.globalIndex (bank, pad)); ++pad)
            plan.keptLoaded.addIfNotAlreadyThere (session.padName (session.globalIndex (bank, pad)));
        if (pad >= perBank)
            plan.noRoom.add (file.getFileName());
        else
            plan.loads.add ({ session.globalIndex (bank, pad++), file });
    }
    return plan;
}

static juce::String fileList (const juce::StringArray& names)
{
    constexpr int shown = 4;
    auto list = juce::StringArray (names.begin(), juce::jmin (shown, names.size())).joinIntoString (", ");
    return names.size() > shown ? list + " and " + juce::String (names.size() - shown) + " more" : list;
}

juce::String PadDrop::describe (const Session& session, const Plan& plan)
{
    juce::StringArray said;
    if (plan.missed)
        said.add ("Drop files onto a pad: they go into that pad and the empty ones after it in this bank");
    if (plan.replaces)
        said.add ("Replaced " + session.padName (plan.loads.getFirst().first) + " (Ctrl+Z gives it back)");
    if (!plan.keptLoaded.isEmpty())
        said.add ("Kept the loaded pad" + juce::String (plan.keptLoaded.size() == 1 ? " " : "s ")
                  + plan.keptLoaded.joinIntoString (", ")
                  + (plan.keptLoaded.size() == 1 ? " as it was" : " as they were"));
    if (!plan.noRoom.isEmpty())
        said.add ("No empty pad left in this bank for " + fileList (plan.noRoom));
    if (!plan.notAudio.isEmpty())
        said.add ("Skipped " + juce::String (plan.notAudio.size()) + " file"
                  + (plan.notAudio.size() == 1 ? "" : "s") + " that "
                  + (plan.notAudio.size() == 1 ? "is" : "are") + " not audio: " + fileList (plan.notAudio));
    return said.joinIntoString (". ");
}

} // namespace paddeck
