#include "UI/PadGrid.h"

#include "Control/CueControls.h"
#include "Model/Identifiers.h"
#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"
#include "UI/SliceMenu.h"
#include "UI/TempoText.h"

namespace paddeck
{

static const char* const keyboardRows[] = { "12345678", "qwertyui", "asdfghjk", "zxcvbnm," };

juce::juce_wchar PadGrid::unshifted (juce::juce_wchar c)
{
    // Shift on the pads' keys (a US layout's top row and comma): the key itself, for a preview.
    static const juce::String shifted ("!@#$%^&*<"), plain ("12345678,");
    const int i = shifted.indexOfChar (c);
    return i >= 0 ? plain[i] : juce::CharacterFunctions::toLowerCase (c);
}

PadGrid::PadGrid (Session& s)
    : session (s)
{
    setWantsKeyboardFocus (true);
    for (auto* button : { &previousBank, &nextBank })
    {
        button->setWantsKeyboardFocus (false);
        addAndMakeVisible (button);
    }
    previousBank.onClick = [this] { session.setCurrentBank (session.getCurrentBank() - 1); };
    nextBank.onClick = [this] { session.setCurrentBank (session.getCurrentBank() + 1); };
    MidiLearnTag::set (previousBank, { MidiTarget::Type::bankPrevious });
    MidiLearnTag::set (nextBank, { MidiTarget::Type::bankNext });
    session.addChangeListener (this);
    rebuild();
}

PadGrid::~PadGrid() { session.removeChangeListener (this); }

juce::juce_wchar PadGrid::keyForPad (int padInBank) const
{
    if (columns <= 0 || columns > 8)
        return 0;
    const int row = padInBank / columns, column = padInBank % columns;
    return row < 4 ? (juce::juce_wchar) keyboardRows[row][column] : 0;
}

void PadGrid::rebuild()
{
    const int newRows = session.getSet()[IDs::gridRows], newColumns = session.getSet()[IDs::gridColumns];
    const bool gridChanged = newRows != rows || newColumns != columns || pads.isEmpty();
    if (gridChanged)
    {
        rows = newRows;
        columns = newColumns;
        pads.clear();
        for (int i = 0; i < rows * columns; ++i)
        {
            auto* pad = pads.add (new PadComponent());
            pad->onPress = [this, i]
            {
                selectPad (globalIndexOf (i));
                session.press (globalIndexOf (i));
            };
            pad->onRelease = [this, i] { session.release (globalIndexOf (i)); };
            pad->onPreview = [this, i]
            {
                selectPad (globalIndexOf (i));
                session.preview (globalIndexOf (i));
            };
            pad->onPreviewRelease = [this, i] { session.releasePreview (globalIndexOf (i)); };
            pad->onContextMenu = [this, i]
            {
                selectPad (globalIndexOf (i));
                createPadMenu (i).showMenuAsync (juce::PopupMenu::Options().withTargetComponent (pads[i]));
            };
            MidiLearnTag::set (*pad, { MidiTarget::Type::padTrigger, i / columns, i % columns });
            addAndMakeVisible (pad);
        }
    }

    if (bankButtons.size() != session.getNumBanks())
    {
        bankButtons.clear();
        for (int b = 0; b < session.getNumBanks(); ++b)
        {
            auto* button = bankButtons.add (new juce::TextButton());
            button->setClickingTogglesState (false);
            button->setWantsKeyboardFocus (false);
            button->onClick = [this, b] { session.setCurrentBank (b); };
            MidiTarget target{ MidiTarget::Type::bankSelect };
            target.bank = b;
            MidiLearnTag::set (*button, target);
            addAndMakeVisible (button);
        }
    }

    for (int b = 0; b < bankButtons.size(); ++b)
    {
        bankButtons[b]->setButtonText (session.getSet().getChild (b)[IDs::name].toString());
        bankButtons[b]->setToggleState (b == session.getCurrentBank(), juce::dontSendNotification);
    }

    resized();
    refresh();

    // The selected pad sits at another row and column now: the editor retargets its controls.
    if (gridChanged && onSelectionChanged)
        onSelectionChanged (selectedPad);
}

juce::PopupMenu PadGrid::createPadMenu (int padInBank)
{
    const int index = globalIndexOf (padInBank);
    const bool missing = session.getPadStatus (index).state == Session::PadState::missing;
    juce::PopupMenu menu;
    menu.addItem ("Locate...", missing, false,
                  [this, index]
                  {
                      if (onLocate)
                          onLocate (index);
                  });
    const bool cued = CueControls (session).isPadCued (index);
    menu.addItem ("Cue: hear it in the headphones too", true, cued,
                  [this, index, cued] { CueControls (session).setPadCued (index, !cued); });
    menu.addSubMenu ("Slice to pads", SliceMenu::create (session, index, onMessage),
                     session.getPadStatus (index).state == Session::PadState::loaded);
    menu.addItem ("Clear pad", session.getPadSettings (index).file.isNotEmpty(), false,
                  [this, index] { session.clearPad (index); });
    return menu;
}

void PadGrid::selectPad (int globalIndex)
{
    if (globalIndex == selectedPad)
        return;
    selectedPad = globalIndex;
    refresh();
    if (onSelectionChanged)
        onSelectionChanged (selectedPad);
}

void PadGrid::refresh()
{
    if (shownBank != session.getCurrentBank())
    {
        shownBank = session.getCurrentBank();
        for (int b = 0; b < bankButtons.size(); ++b)
            bankButtons[b]->setToggleState (b == shownBank, juce::dontSendNotification);
    }

    auto& meters = session.getEngine().getMeters();
    for (int i = 0; i < pads.size(); ++i)
    {
        const int index = globalIndexOf (i);
        const auto& status = session.getPadStatus (index);
        const auto pad = session.getPad (index); // read directly: this runs 30 times a second

        PadComponent::View view;
        view.name = pad[IDs::name].toString();
        view.state = status.state;
        view.message = status.message;
        view.sample = status.sample;
        view.streamed = status.sample != nullptr && status.sample->isStreamed();
        view.selected = index == selectedPad;
        view.cued = pad[IDs::cue];
        if (const auto key = keyForPad (i))
            view.keyLabel = juce::String::charToString (key).toUpperCase();
        auto mode = PlayMode::oneShot;
        parsePlayMode (pad[IDs::playMode].toString(), mode);
        view.modeLabel = describe (mode).toUpperCase();
        if (dropPlan.has_value())
            for (const auto& [target, file] : dropPlan->loads)
                if (target == index)
                {
                    view.dropFile = file.getFileNameWithoutExtension();
                    view.dropReplaces = dropPlan->replaces;
                }

        const double bpm = pad.getProperty (IDs::bpm, PadSettings::unknownBpm);
        view.bpmLabel =
            bpm < 0.0 && status.analysingTempo ? juce::String::fromUTF8 ("\u2026") : TempoText::padBpm (bpm);
        view.synced = bpm > 0.0 && (bool) pad[IDs::sync];
        view.stretchProgress = session.getStretches().getProgress (index);
        view.stretchMessage = session.getStretches().getMessage (index);

        if (juce::isPositiveAndBelow (index, EngineMeters::maxPads))
        {
            view.voices = meters.padVoices[(size_t) index].load (std::memory_order_relaxed);
            view.playhead = meters.padPlayhead[(size_t) index].load (std::memory_order_relaxed);
            view.level = EngineMeters::takePeak (meters.padPeak[(size_t) index]);
            view.queued = meters.padQueued[(size_t) index].load (std::memory_order_relaxed);
        }
        if (view.queued != 0)
        {
            const auto quantize =
                PadSettings::fromValueTree (pad).launchQuantize (session.getGlobalQuantize());
            view.quantizeLabel = QuantizeGrid::describe (quantize);
            view.flashLit = flashLit;
        }
        pads[i]->setView (view);
    }
}

void PadGrid::resized()
{
    auto area = getLocalBounds();
    auto bankRow = area.removeFromTop (34);
    nextBank.setBounds (bankRow.removeFromRight (34).reduced (3, 2));
    previousBank.setBounds (bankRow.removeFromRight (34).reduced (3, 2));
    bankRow.removeFromRight (6);
    const int bankWidth =
        bankButtons.isEmpty() ? 0 : juce::jmin (90, bankRow.getWidth() / bankButtons.size());
    for (auto* button : bankButtons)
        button->setBounds (bankRow.removeFromLeft (bankWidth).reduced (3, 2));

    area.removeFromTop (6);
    if (rows <= 0 || columns <= 0)
        return;

    // Square-ish pads that fill the space: the grid scales with the window.
    const int cell = juce::jmin (area.getWidth() / columns, area.getHeight() / rows);
    const auto grid = juce::Rectangle<int> (cell * columns, cell * rows).withCentre (area.getCentre());
    for (int i = 0; i < pads.size(); ++i)
        pads[i]->setBounds (grid.getX() + (i % columns) * cell, grid.getY() + (i / columns) * cell, cell,
                            cell);
}

void PadGrid::paint (juce::Graphics& g)
{
    // A drag that would land on no pad says so where it is.
    if (dropPlan.has_value() && dropPlan->missed && !pads.isEmpty())
    {
        g.setColour (Palette::warning);
        g.setFont (juce::Font (13.0f, juce::Font::bold));
        g.drawText ("Drop onto a pad", getLocalBounds().removeFromBottom (22), juce::Justification::centred);
    }
}

int PadGrid::padAt (juce::Point<int> position) const
{
    for (int i = 0; i < pads.size(); ++i)
        if (pads[i]->getBounds().contains (position))
            return i;
    return -1;
}

int PadGrid::padForKey (juce::juce_wchar key) const
{
    key = juce::CharacterFunctions::toLowerCase (key);
    for (int i = 0; i < pads.size(); ++i)
        if (keyForPad (i) == key)
            return i;
    return -1;
}

bool PadGrid::keyPressed (const juce::KeyPress& key)
{
    // Ctrl+Z and the like are commands for the window, not pads on the keyboard's rows.
    if (key.getModifiers().isCommandDown() || key.getModifiers().isAltDown())
        return false;
    if (key == juce::KeyPress::escapeKey)
    {
        session.stopAll();
        return true;
    }
    const auto c = unshifted (key.getTextCharacter());
    if (c == '[' || c == ']')
    {
        session.setCurrentBank (session.getCurrentBank() + (c == ']' ? 1 : -1));
        return true;
    }

    const int pad = padForKey (c);
    if (pad < 0)
        return false;

    if (!keysDown.contains (c)) // the key's auto-repeat is not a new hit
    {
        keysDown.add (c);
        selectPad (globalIndexOf (pad));
        // Shift: a preview in the cue only, let go of with the key like a hit.
        if (key.getModifiers().isShiftDown())
        {
            previewKeys.add (c);
            session.preview (globalIndexOf (pad));
        }
        else
        {
            session.press (globalIndexOf (pad));
        }
    }
    return true;
}

bool PadGrid::keyStateChanged (bool)
{
    // Releases matter for gate pads: a held key that is no longer down releases its pad.
    bool handled = false;
    for (int k = keysDown.size(); --k >= 0;)
    {
        const auto key = keysDown[k];
        if (juce::KeyPress::isKeyCurrentlyDown ((int) key)
            || juce::KeyPress::isKeyCurrentlyDown ((int) juce::CharacterFunctions::toUpperCase (key)))
            continue;
        keysDown.remove (k);
        const bool wasPreview = previewKeys.contains (key);
        previewKeys.removeFirstMatchingValue (key);
        if (const int pad = padForKey (key); pad >= 0)
        {
            if (wasPreview)
                session.releasePreview (globalIndexOf (pad));
            else
                session.release (globalIndexOf (pad));
        }
        handled = true;
    }
    return handled;
}

void PadGrid::fileDragMove (const juce::StringArray& files, int x, int y)
{
    dragFilesOver (files, padAt ({ x, y }));
}

void PadGrid::dragFilesOver (const juce::StringArray& files, int padInBank)
{
    if (files != draggedPaths || !dropPlan.has_value())
    {
        draggedPaths = files;
        draggedFiles = PadDrop::expand (files);
        dragPad = -2;
    }
    if (padInBank == dragPad)
        return;
    dragPad = padInBank;
    dropPlan = PadDrop::plan (session, session.getCurrentBank(), padInBank, draggedFiles);
    refresh();
    repaint();
}

void PadGrid::endDrag()
{
    dropPlan.reset();
    draggedPaths.clear();
    draggedFiles = {};
    dragPad = -2;
    refresh();
    repaint();
}

void PadGrid::fileDragExit (const juce::StringArray&) { endDrag(); }

void PadGrid::filesDropped (const juce::StringArray& files, int x, int y)
{
    dropFiles (files, padAt ({ x, y }));
}

void PadGrid::dropFiles (const juce::StringArray& files, int padInBank)
{
    // The plan the pads showed while dragging is the one carried out.
    if (files != draggedPaths || dragPad != padInBank || !dropPlan.has_value())
        dragFilesOver (files, padInBank);
    const auto plan = *dropPlan;
    endDrag();

    session.loadIntoPads (plan.loads);
    if (const auto said = PadDrop::describe (session, plan); said.isNotEmpty() && onMessage)
        onMessage (said);
}

} // namespace paddeck
