// Keeps the chosen template's files: each template's files were generated under fnkit-templates/<template>/ (see
// dev.fnkit.local.scaffold.ArchetypeExport); they move to the project's root and the rest goes.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption

Path project = Paths.get(request.outputDirectory, request.artifactId)
Path templates = project.resolve('fnkit-templates')
String template = request.properties.getProperty('template', 'http')
Path chosen = templates.resolve(template)
if (!Files.isDirectory(chosen)) {
    String known = templates.toFile().list().sort().join(', ')
    throw new IllegalArgumentException("fnkit has no template '" + template + "'; choose one of " + known)
}
chosen.toFile().eachFileRecurse(groovy.io.FileType.FILES) { file ->
    Path target = project.resolve(chosen.relativize(file.toPath()).toString())
    Files.createDirectories(target.parent)
    Files.move(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING)
}
templates.toFile().deleteDir()
