export const PLATFORM_NAME = '政务服务一体化平台';
