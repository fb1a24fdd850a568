#include "UI/MainComponent.h"

#include <juce_audio_utils/juce_audio_utils.h>

#include "Model/Identifiers.h"
#include "Streaming/StreamingStats.h"
#include "UI/MidiSettingsPanel.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MainComponent::MainComponent (AudioDeviceHost& host, Session& s, MidiController& m)
    : deviceHost (host)
    , session (s)
    , midi (m)
    , grid (s)
    , editor (s)
    , master (s)
    , learnOverlay (m, *this)
{
    setOpaque (true);
    for (auto* c :
         std::initializer_list<juce::Component*>{ &grid, &editor, &master, &statusStrip, &audioButton,
                                                  &openButton, &saveButton, &message, &gridSize })
        addAndMakeVisible (c);

    for (auto* b : { &audioButton, &openButton, &saveButton })
        b->setWantsKeyboardFocus (false);
    audioButton.onClick = [this] { showAudioSettings(); };
    openButton.onClick = [this] { openSet(); };
    saveButton.onClick = [this] { saveSet(); };

    static const std::pair<int, int> grids[] = { { 4, 4 }, { 4, 8 }, { 8, 8 } };
    for (int i = 0; i < (int) std::size (grids); ++i)
        gridSize.addItem (juce::String (grids[i].first) + " x " + juce::String (grids[i].second) + " pads",
                          i + 1);
    gridSize.setWantsKeyboardFocus (false);
    gridSize.onChange = [this]
    {
        const auto [rows, columns] = grids[juce::jmax (0, gridSize.getSelectedId() - 1)];
        if (const auto r = session.setGridSize (rows, columns); r.failed())
            showMessage (r.getErrorMessage());
        refresh();
    };

    // MIDI: the settings dialog and learn, at the right end of the header.
    audioButton.setButtonText ("Audio");
    addAndMakeVisible (midiButton);
    addAndMakeVisible (learnButton);
    addChildComponent (learnOverlay);
    midiButton.setWantsKeyboardFocus (false);
    learnButton.setWantsKeyboardFocus (false);
    learnButton.setClickingTogglesState (true);
    learnButton.setColour (juce::TextButton::buttonOnColourId, Palette::warning);
    learnButton.setColour (juce::TextButton::textColourOnId, Palette::background);
    learnButton.setTooltip ("MIDI learn: click a control, then move a control on your MIDI controller");
    midiButton.onClick = [this] { showMidiSettings(); };
    learnButton.onClick = [this] { midi.setLearning (learnButton.getToggleState()); };
    learnOverlay.onLearned = [this] (const MidiBinding& b)
    { showMessage (b.target.describe() + "  \u2190  " + b.source.describe()); };

    message.setJustificationType (juce::Justification::centredRight);
    message.setColour (juce::Label::textColourId, Palette::warning);

    grid.onSelectionChanged = [this] (int pad) { editor.setPad (pad); };
    grid.onMessage = [this] (const juce::String& text) { showMessage (text); };
    editor.setPad (grid.getSelectedPad());

    setSize (defaultWidth, defaultHeight);
    refresh();
    startTimerHz (30);
    setWantsKeyboardFocus (true);
}

MainComponent::~MainComponent() { stopTimer(); }

void MainComponent::refresh()
{
    const auto stats = StreamingStats::get();
    EngineFigures figures;
    figures.voices = session.getEngine().getMeters().activeVoices.load();
    figures.streamUnderruns = stats.underruns;
    figures.ramBytes = stats.sampleRamBytes;
    figures.streamBufferBytes = stats.streamRingBytes;
    statusStrip.setStatus (deviceHost.getStatus(), figures);

    session.checkStreams();
    grid.refresh();
    master.refresh();
    const int rows = session.getSet()[IDs::gridRows], columns = session.getSet()[IDs::gridColumns];
    gridSize.setSelectedId (rows == 8 ? 3 : (columns == 8 ? 2 : 1), juce::dontSendNotification);
    session.getEngine().collectGarbage();
    learnButton.setToggleState (midi.isLearning(), juce::dontSendNotification);

    if (messageUntil != 0 && juce::Time::getMillisecondCounter() > messageUntil)
    {
        message.setText ({}, juce::dontSendNotification);
        messageUntil = 0;
    }
}

bool MainComponent::keyPressed (const juce::KeyPress& key)
{
    if (key == juce::KeyPress::escapeKey && midi.isLearning())
    {
        midi.setLearning (false); // Esc ends learn here, not the music
        return true;
    }
    return grid.keyPressed (key);
}

void MainComponent::showMessage (const juce::String& text)
{
    message.setText (text, juce::dontSendNotification);
    messageUntil = juce::Time::getMillisecondCounter() + 6000;
}

void MainComponent::showAudioSettings()
{
    // MIDI inputs are chosen in the MIDI settings, which remember them.
    auto selector = std::make_unique<juce::AudioDeviceSelectorComponent> (deviceHost.getDeviceManager(), 0, 0,
                                                                          2, 2, false, false, true, false);
    selector->setSize (560, 440);

    juce::DialogWindow::LaunchOptions options;
    options.content.setOwned (selector.release());
    options.dialogTitle = "Audio settings";
    options.dialogBackgroundColour = Palette::panel;
    options.escapeKeyTriggersCloseButton = true;
    options.useNativeTitleBar = true;
    options.resizable = false;
    options.launchAsync();
}

void MainComponent::showMidiSettings()
{
    juce::DialogWindow::LaunchOptions options;
    options.content.setOwned (new MidiSettingsPanel (midi));
    options.dialogTitle = "MIDI settings";
    options.dialogBackgroundColour = Palette::panel;
    options.escapeKeyTriggersCloseButton = true;
    options.useNativeTitleBar = true;
    options.resizable = true;
    options.launchAsync();
}

void MainComponent::openSet()
{
    chooser = std::make_unique<juce::FileChooser> ("Open a PadDeck set", session.getSetFile(), "*.paddeck");
    chooser->launchAsync (juce::FileBrowserComponent::openMode | juce::FileBrowserComponent::canSelectFiles,
                          [this] (const juce::FileChooser& fc)
                          {
                              const auto file = fc.getResult();
                              if (file == juce::File())
                                  return;
                              juce::ValueTree set;
                              if (const auto r = SetFile::load (file, set); r.failed())
                                  showMessage (r.getErrorMessage());
                              else
                                  session.setSet (set, file);
                          });
}

void MainComponent::saveSet()
{
    chooser = std::make_unique<juce::FileChooser> ("Save the set", session.getSetFile(), "*.paddeck");
    chooser->launchAsync (juce::FileBrowserComponent::saveMode
                              | juce::FileBrowserComponent::warnAboutOverwriting,
                          [this] (const juce::FileChooser& fc)
                          {
                              const auto file = fc.getResult().withFileExtension ("paddeck");
                              if (fc.getResult() == juce::File())
                                  return;
                              const auto r = session.saveSet (file);
                              showMessage (r.wasOk() ? "Saved " + file.getFileName() : r.getErrorMessage());
                          });
}

void MainComponent::paint (juce::Graphics& g)
{
    g.fillAll (Palette::background);

    auto header = getLocalBounds().removeFromTop (48).reduced (16, 0);
    g.setColour (Palette::text);
    g.setFont (juce::Font (24.0f, juce::Font::bold));
    g.drawText ("PadDeck", header.removeFromLeft (130), juce::Justification::centredLeft, false);

    g.setColour (Palette::textDim);
    g.setFont (juce::Font (14.0f));
    const auto setName = session.getSetFile() == juce::File()
                             ? juce::String ("Untitled set")
                             : session.getSetFile().getFileNameWithoutExtension();
    g.drawText (setName, header.removeFromLeft (240), juce::Justification::centredLeft, true);
}

void MainComponent::resized()
{
    auto area = getLocalBounds();
    statusStrip.setBounds (area.removeFromBottom (StatusStrip::preferredHeight));

    auto header = area.removeFromTop (48).reduced (12, 8);
    learnButton.setBounds (header.removeFromRight (64));
    header.removeFromRight (6);
    midiButton.setBounds (header.removeFromRight (64));
    header.removeFromRight (16);
    learnOverlay.setBounds (getLocalBounds().withTrimmedTop (48));
    saveButton.setBounds (header.removeFromRight (96));
    header.removeFromRight (6);
    openButton.setBounds (header.removeFromRight (96));
    header.removeFromRight (6);
    audioButton.setBounds (header.removeFromRight (80));
    header.removeFromRight (6);
    gridSize.setBounds (header.removeFromRight (130));
    message.setBounds (header.withTrimmedLeft (380));

    area.reduce (12, 4);
    area.removeFromBottom (8);
    master.setBounds (area.removeFromRight (140));
    area.removeFromRight (10);
    editor.setBounds (area.removeFromRight (330));
    area.removeFromRight (10);
    grid.setBounds (area);
}

} // namespace paddeck
