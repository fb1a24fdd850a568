#pragma once

#include "Stretch/StretchCache.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

class Settings;

/** The audio settings' "Rendered stretches" section: the folder of the cache that keeps rendered
    KeyLock and tempo stretches, how much of its limit it uses (read again every second), the
    limit (a setting, applied at once: the least recently used renders go), Show folder and Clear
    cache. Renders a pad holds stay through a lower limit and a clear, so nothing stops playing.
    [message] */
class StretchCachePanel : public juce::Component, private juce::Timer
{
public:
    /** `settings` null: a new limit holds for this run only. */
    StretchCachePanel (StretchCache& cache, Settings* settings);

    /** Reads the cache's size again (the timer does this every second). */
    void refresh();

    /** "1.2 GB of 4 GB used" */
    static juce::String describeUsage (juce::int64 usedBytes, juce::int64 limitBytes);

    void paint (juce::Graphics&) override;
    void resized() override;

    // For tests
    juce::ComboBox& getLimitChooser() noexcept { return limit; }
    juce::Button& getClearButton() noexcept { return clearButton; }
    juce::String getFolderText() const { return folderPath.getText(); }
    juce::String getUsageText() const { return usage.getText(); }
    juce::String getStatusText() const { return status.getText(); }

    static constexpr int preferredHeight = 236;

private:
    void timerCallback() override { refresh(); }
    void fillLimits();
    void chooseLimit();
    void clear();

    StretchCache& cache;
    Settings* settings;
    juce::Label heading{ {}, "RENDERED STRETCHES" }, hint, folderLabel{ {}, "Cache folder:" }, folderPath,
        limitLabel{ {}, "Size limit:" }, usage, status;
    juce::ComboBox limit;
    juce::TextButton showButton{ "Show folder" }, clearButton{ "Clear cache" };
    juce::Array<juce::int64> limits; // the chooser's items, id = index + 1
    float usedFraction = 0.0f;       // of the limit, for the bar under the figures
};

} // namespace paddeck
