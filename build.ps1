<#
.SYNOPSIS
  Thin wrapper over the dotnet commands that scripts/*.sh run in bash (PowerShell is not used in CI).
.EXAMPLE
  ./build.ps1                 # restore + build (Release)
  ./build.ps1 test            # every test, as scripts/test.sh
  ./build.ps1 publish         # self-contained linux-x64 sparkimaging in artifacts/publish/linux-x64, as scripts/publish.sh
  ./build.ps1 build -Spark    # also the .NET for Apache Spark driver (needs Microsoft.Spark on your feed), as scripts/build-spark.sh
#>
param(
    [ValidateSet('restore', 'build', 'test', 'publish')]
    [string] $Task = 'build',
    [switch] $Spark,
    [string] $Runtime = 'linux-x64'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet([string[]] $Arguments) {
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'restore' { Invoke-Dotnet @('restore', 'SparkImaging.sln') }
    'build'   { Invoke-Dotnet @('build', 'SparkImaging.sln', '-c', 'Release') }
    'test'    { Invoke-Dotnet @('test', 'SparkImaging.sln', '-c', 'Release') }
    'publish' {
        Invoke-Dotnet @('publish', 'jobs/SparkImaging.Jobs/SparkImaging.Jobs.csproj', '-c', 'Release', '-r', $Runtime,
            '--self-contained', 'true', '-p:PublishSingleFile=false', '-p:DebugType=embedded', '-o', "artifacts/publish/$Runtime")
    }
}

if ($Spark) {
    Invoke-Dotnet @('build', 'jobs/SparkImaging.Spark/SparkImaging.Spark.csproj', '-c', 'Release', '-p:EnableSpark=true')
}
