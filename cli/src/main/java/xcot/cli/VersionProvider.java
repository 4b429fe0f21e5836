package xcot.cli;

import picocli.CommandLine.IVersionProvider;
import xcot.build.BuildInfo;
import xcot.llm.Backend;

/** {@code --version} of every command: xcot's version and commit, and the llama.cpp build it loads. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"xcot " + BuildInfo.current().describe(), "llama.cpp commit " + Backend.buildCommit()
                + ", " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
    }
}
