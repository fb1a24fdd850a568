// Renders PadDeck's icon, Assets/Icons/paddeck.svg, to the PNG sizes the desktop's hicolor theme
// uses (Assets/Icons/hicolor/NxN.png) and to the window icon (Assets/Icon.png). Run by hand when
// the SVG changes; the PNGs are committed:
//   Builds/build/PadDeckIconRenderer Assets
#include <juce_graphics/juce_graphics.h>
#include <juce_gui_basics/juce_gui_basics.h>

#include <iostream>

static bool render (juce::Drawable& svg, int size, const juce::File& file)
{
    juce::Image image (juce::Image::ARGB, size, size, true);
    juce::Graphics g (image);
    svg.drawWithin (g, juce::Rectangle<float> ((float) size, (float) size), juce::RectanglePlacement::centred,
                    1.0f);
    file.getParentDirectory().createDirectory();
    file.deleteFile();
    juce::FileOutputStream out (file);
    return out.openedOk() && juce::PNGImageFormat().writeImageToStream (image, out);
}

int main (int argc, char** argv)
{
    if (argc != 2)
    {
        std::cerr << "usage: PadDeckIconRenderer ASSETS_DIR\n";
        return 2;
    }

    juce::ScopedJuceInitialiser_GUI juce;
    const auto assets = juce::File::getCurrentWorkingDirectory().getChildFile (argv[1]);
    const auto xml = juce::parseXML (assets.getChildFile ("Icons/paddeck.svg"));
    const auto svg = xml != nullptr ? juce::Drawable::createFromSVG (*xml) : nullptr;
    if (svg == nullptr)
    {
        std::cerr << "could not read " << assets.getChildFile ("Icons/paddeck.svg").getFullPathName() << "\n";
        return 1;
    }

    for (int size : { 16, 22, 24, 32, 48, 64, 128, 256, 512 })
        if (!render (*svg, size,
                     assets.getChildFile ("Icons/hicolor/" + juce::String (size) + "x" + juce::String (size)
                                          + ".png")))
            return 1;

    if (!render (*svg, 256, assets.getChildFile ("Icon.png")))
        return 1;
    std::cout << "wrote the icons to " << assets.getFullPathName() << "\n";
    return 0;
}
