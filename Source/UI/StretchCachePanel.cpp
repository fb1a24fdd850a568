#include "UI/StretchCachePanel.h"

#include "Stretch/StretchCacheSetting.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

static constexpr juce::int64 megabyte = (juce::int64) 1 << 20, gigabyte = (juce::int64) 1 << 30;
static constexpr int rowHeight = 24;

/** "4 GB", "1.5 GB", "350 MB": whole gigabytes without a decimal, less than one in megabytes. */
static juce::String describeBytes (juce::int64 bytes)
{
    if (bytes >= gigabyte)
        return juce::String ((double) bytes / (double) gigabyte, bytes % gigabyte == 0 ? 0 : 1) + " GB";
    if (bytes > 0 && bytes < megabyte)
        return "under 1 MB";
    return juce::String (juce::roundToInt ((double) bytes / (double) megabyte)) + " MB";
}

juce::String StretchCachePanel::describeUsage (juce::int64 usedBytes, juce::int64 limitBytes)
{
    return describeBytes (usedBytes) + " of " + describeBytes (limitBytes) + " used";
}

StretchCachePanel::StretchCachePanel (StretchCache& c, Settings* s)
    : cache (c)
    , settings (s)
{
    heading.setFont (juce::Font (11.0f, juce::Font::bold));
    heading.setColour (juce::Label::textColourId, Palette::accent);
    hint.setText ("KeyLock and tempo-synced pads play stretches rendered in the background, kept here so "
                  "they are ready next time. Past the limit the least recently used go first. Clearing "
                  "never touches your samples: a render is simply made again when a pad needs it.",
                  juce::dontSendNotification);
    hint.setColour (juce::Label::textColourId, Palette::textDim);
    hint.setJustificationType (juce::Justification::topLeft);
    hint.setFont (juce::Font (13.0f));
    for (auto* label : { &folderLabel, &limitLabel })
        label->setJustificationType (juce::Justification::centredRight);

    folderPath.setText (cache.getFolder().getFullPathName(), juce::dontSendNotification);
    folderPath.setTooltip (cache.getFolder().getFullPathName());
    folderPath.setMinimumHorizontalScale (0.7f);
    showButton.setTooltip ("Open the cache folder in the file manager");
    showButton.onClick = [this]
    {
        cache.getFolder().createDirectory(); // before the first render it may not exist yet
        cache.getFolder().revealToUser();
    };
    clearButton.setTooltip (
        "Delete every render no pad is using; pads keep playing and render again when needed");
    clearButton.onClick = [this] { clear(); };

    fillLimits();
    limit.setTooltip ("How much disk the rendered stretches may take");
    limit.onChange = [this] { chooseLimit(); };
    status.setColour (juce::Label::textColourId, Palette::textDim);

    for (auto* c :
         std::initializer_list<juce::Component*>{ &heading, &hint, &folderLabel, &folderPath, &showButton,
                                                  &clearButton, &limitLabel, &limit, &usage, &status })
        addAndMakeVisible (c);

    setSize (560, preferredHeight);
    refresh();
    startTimer (1000);
}

void StretchCachePanel::fillLimits()
{
    limits = StretchCacheSetting::choices();
    const auto current = cache.getMaxBytes();
    if (!limits.contains (current)) // a limit set by hand in settings.xml is shown as it is
    {
        limits.add (current);
        std::sort (limits.begin(), limits.end());
    }
    limit.clear (juce::dontSendNotification);
    for (int i = 0; i < limits.size(); ++i)
        limit.addItem (describeBytes (limits[i]), i + 1);
    limit.setSelectedId (limits.indexOf (current) + 1, juce::dontSendNotification);
}

void StretchCachePanel::chooseLimit()
{
    const auto index = limit.getSelectedId() - 1;
    if (!juce::isPositiveAndBelow (index, limits.size()))
        return;
    const auto before = cache.getNumEntries();
    StretchCacheSetting::change (settings, &cache, limits[index]);
    const auto removed = before - cache.getNumEntries();
    status.setText (removed > 0 ? "Removed " + juce::String (removed) + " least recently used render"
                                      + (removed == 1 ? "" : "s") + " to fit the new limit."
                                : juce::String(),
                    juce::dontSendNotification);
    refresh();
}

void StretchCachePanel::clear()
{
    const auto removed = cache.clear();
    const auto kept = cache.getNumEntries();
    juce::String text = removed == 0
                            ? juce::String ("Nothing to clear.")
                            : "Removed " + juce::String (removed) + " render" + (removed == 1 ? "." : "s.");
    if (kept > 0)
        text << " Kept " << kept << " that pads are using.";
    status.setText (text, juce::dontSendNotification);
    refresh();
}

void StretchCachePanel::refresh()
{
    const auto used = cache.getTotalBytes(), max = cache.getMaxBytes();
    const auto text = describeUsage (used, max);
    if (usage.getText() != text)
        usage.setText (text, juce::dontSendNotification);
    const auto fraction = max > 0 ? juce::jlimit (0.0f, 1.0f, (float) ((double) used / (double) max)) : 0.0f;
    if (fraction != usedFraction)
    {
        usedFraction = fraction;
        repaint();
    }
}

void StretchCachePanel::paint (juce::Graphics& g)
{
    g.fillAll (Palette::panel);
    g.setColour (Palette::outline);
    g.drawHorizontalLine (4, 16.0f, (float) getWidth() - 16.0f);

    // The bar under the figures: how full the cache is, at a glance.
    auto bar = usage.getBounds().withTrimmedTop (usage.getHeight() - 4).translated (0, 4).toFloat();
    g.setColour (Palette::panelRaised);
    g.fillRoundedRectangle (bar, 2.0f);
    g.setColour (usedFraction > 0.9f ? Palette::warning : Palette::accent);
    g.fillRoundedRectangle (
        bar.withWidth (juce::jmax (usedFraction > 0.0f ? 4.0f : 0.0f, bar.getWidth() * usedFraction)), 2.0f);
}

void StretchCachePanel::resized()
{
    // The label column and the controls line up with the device selector's above.
    auto area = getLocalBounds().withTrimmedTop (14).reduced (16, 0);
    heading.setBounds (area.removeFromTop (18));
    hint.setBounds (area.removeFromTop (52));
    area.removeFromTop (6);

    const auto labelWidth = proportionOfWidth (0.35f) - 16 - 1; // the label's own inset makes the gap
    const auto controlsWidth = proportionOfWidth (0.6f);
    const auto row = [&] (juce::Label* label)
    {
        auto line = area.removeFromTop (rowHeight);
        if (label != nullptr)
            label->setBounds (line.removeFromLeft (labelWidth));
        area.removeFromTop (8);
        return line.withX (proportionOfWidth (0.35f)).withWidth (controlsWidth);
    };

    folderPath.setBounds (row (&folderLabel));
    auto buttons = row (nullptr);
    showButton.setBounds (buttons.removeFromLeft (110));
    buttons.removeFromLeft (8);
    clearButton.setBounds (buttons.removeFromLeft (110));
    auto limitRow = row (&limitLabel);
    limit.setBounds (limitRow.removeFromLeft (90));
    limitRow.removeFromLeft (10);
    usage.setBounds (limitRow);
    status.setBounds (row (nullptr));
}

} // namespace paddeck
