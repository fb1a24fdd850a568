#include "Model/SampleCollector.h"

#include "Model/Identifiers.h"

#include <map>

namespace paddeck
{

static juce::File findIdentical (const juce::File& source, const juce::Array<juce::File>& collected)
{
    for (const auto& f : collected)
        if (f.getSize() == source.getSize() && f.hasIdenticalContentTo (source))
            return f;
    return {};
}

static juce::File freeNameFor (const juce::File& source, const juce::File& folder)
{
    auto candidate = folder.getChildFile (source.getFileName());
    for (int n = 2; candidate.exists(); ++n)
        candidate = folder.getChildFile (source.getFileNameWithoutExtension() + " (" + juce::String (n) + ")"
                                         + source.getFileExtension());
    return candidate;
}

SampleCollector::Report SampleCollector::collect (juce::ValueTree& set, const juce::File& folder)
{
    Report report;
    std::map<juce::String, juce::File> destinationOf; // source path -> its copy
    juce::Array<juce::File> collected;                // every file in the folder a pad now uses

    for (auto bank : set)
        for (auto pad : bank)
        {
            const auto path = pad[IDs::file].toString();
            if (path.isEmpty())
                continue;

            const juce::File source (juce::File::isAbsolutePath (path) ? path : juce::String());
            if (source == juce::File() || !source.existsAsFile())
            {
                report.missing.addIfNotAlreadyThere (path);
                continue;
            }
            if (source.isAChildOf (folder))
            {
                collected.addIfNotAlreadyThere (source);
                continue;
            }

            auto& destination = destinationOf[source.getFullPathName()];
            if (destination == juce::File())
            {
                if (auto same = findIdentical (source, collected); same != juce::File())
                {
                    destination = same;
                }
                else
                {
                    const auto target = freeNameFor (source, folder);
                    if (!folder.createDirectory() || !source.copyFileTo (target))
                    {
                        report.failed.add (source.getFullPathName() + " (could not copy into "
                                           + folder.getFullPathName() + ")");
                        destinationOf.erase (source.getFullPathName());
                        continue;
                    }
                    destination = target;
                    collected.add (target);
                    ++report.copied;
                    pad.setProperty (IDs::file, destination.getFullPathName(), nullptr);
                    continue;
                }
            }

            ++report.reused;
            pad.setProperty (IDs::file, destination.getFullPathName(), nullptr);
        }

    return report;
}

} // namespace paddeck
